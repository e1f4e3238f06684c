"""Ballot codes: how they look and the keyed hash they are stored as."""

import secrets

from django.utils.crypto import salted_hmac

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a paper slip
CODE_LENGTH = 12


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_digest(code: str) -> str:
    """The keyed hash (HMAC with the SECRET_KEY) a code is stored as: without the key, a code
    cannot be found from its hash, nor a hash from the codes on the slips."""
    return salted_hmac("appraisal.ballot_code", normalize_code(code), algorithm="sha256").hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))
