from cadres.services.org import org_unit_save, post_level_save, post_quota_save, post_save

__all__ = ["org_unit_save", "post_level_save", "post_quota_save", "post_save"]
