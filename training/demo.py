from core.demo import Seeder


def seed_training(*, scale: str, acting_user) -> list[str]:
    return []


SEEDER = Seeder("training", 40, seed_training)
