from cadres.services.appointments import appointment_end, appointment_save
from cadres.services.cadre import cadre_save
from cadres.services.org import org_unit_save, post_level_save, post_quota_save, post_save

__all__ = [
    "appointment_end",
    "appointment_save",
    "cadre_save",
    "org_unit_save",
    "post_level_save",
    "post_quota_save",
    "post_save",
]
