"""Coverage of the yearly integrity-risk review (大排查, "no blind spot"): every post reviewed."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Coverage:
    total: int
    covered: int
    missing: tuple[int, ...]  # post ids not reviewed yet

    @property
    def percent(self) -> int:
        """Rounded down, so 100 means every post: 99.9 % is not complete."""
        return 100 if self.total == 0 else self.covered * 100 // self.total

    @property
    def complete(self) -> bool:
        return not self.missing


def review_coverage(*, post_ids: list[int], reviewed_ids: set[int]) -> Coverage:
    """Posts of the campaign's units against the posts with an entry; an entry for a post that is
    no longer in the units does not count."""
    wanted = sorted(set(post_ids))
    missing = tuple(p for p in wanted if p not in reviewed_ids)
    return Coverage(len(wanted), len(wanted) - len(missing), missing)
