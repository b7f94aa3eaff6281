"""Key slots: passphrase, OS keystore, recovery; adding, changing, removing; wrong passphrase, no damage."""

from __future__ import annotations

import hashlib
import json

import pytest

from desktop.store import Store
from desktop.store.keyslots import BACKUP_FILE, SLOTS_FILE, KeySlots
from shared import errors
from shared.crypto import CryptoError, b64e
from shared.errors import TamboError
from tests.desktop.test_store_support import (
    CHEAP_KDF,
    PASSPHRASE,
    Institution,
    memory_keyring,  # noqa: F401 - fixture
    no_keyring,  # noqa: F401 - fixture
)


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "home"
    Store.create(home, PASSPHRASE, kdf=CHEAP_KDF).close()
    return home


def fingerprint(home) -> dict[str, str]:
    """The content hash of every file of the store (to prove a failed attempt changed nothing)."""
    return {
        str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(home.rglob("*"))
        if p.is_file()
    }


def open_with(home, passphrase):
    return Store.open_with_passphrase(home, passphrase)


def test_wrong_passphrase_is_told_in_spanish_and_changes_nothing(home):
    before = fingerprint(home)
    with pytest.raises(CryptoError) as caught:
        open_with(home, "no-es-la-clave")
    assert caught.value.code == errors.CRYPTO_WRONG_PASSPHRASE
    assert "La contraseña no es correcta. No se modificó nada." in caught.value.message()
    assert fingerprint(home) == before
    store = open_with(home, PASSPHRASE)
    assert store.read(lambda db: db.execute("SELECT count(*) FROM catalog").fetchone()[0]) == 10
    store.close()


def test_slot_file_never_holds_the_key_in_the_clear(home):
    store = open_with(home, PASSPHRASE)
    key = store._key
    store.close()
    for name in (SLOTS_FILE, BACKUP_FILE):
        data = (home / name).read_bytes()
        for form in (key, key.hex().encode(), key.hex().upper().encode(), b64e(key).encode()):
            assert form not in data
    assert (home / SLOTS_FILE).read_bytes() == (home / BACKUP_FILE).read_bytes()


def test_add_a_second_passphrase_then_remove_the_first(home):
    store = open_with(home, PASSPHRASE)
    added = store.add_passphrase("otra-clave-de-ana", label="Ana Torres", kdf=CHEAP_KDF)
    assert added == "passphrase-2"
    store.close()
    second = open_with(home, "otra-clave-de-ana")
    assert second.unlocked_by == "passphrase-2"
    second.remove_slot("passphrase-1")
    second.close()
    with pytest.raises(CryptoError):
        open_with(home, PASSPHRASE)
    open_with(home, "otra-clave-de-ana").close()


def test_change_passphrase_retires_the_old_one_in_both_copies(home):
    store = open_with(home, PASSPHRASE)
    store.change_passphrase("passphrase-1", "clave-nueva-2026", kdf=CHEAP_KDF)
    store.close()
    with pytest.raises(CryptoError):
        open_with(home, PASSPHRASE)
    (home / SLOTS_FILE).unlink()  # the backup alone must not open with the old passphrase either
    with pytest.raises(CryptoError):
        open_with(home, PASSPHRASE)
    open_with(home, "clave-nueva-2026").close()
    assert (home / SLOTS_FILE).exists()  # repaired from the backup


def test_the_last_usable_slot_cannot_be_removed(home):
    store = open_with(home, PASSPHRASE)
    institution = Institution()
    store.add_recovery(institution.id, institution.public)
    with pytest.raises(TamboError) as caught:
        store.remove_slot("passphrase-1")  # a recovery slot alone cannot open the store here
    assert caught.value.code == errors.STORE_LAST_SLOT
    assert "última" in caught.value.message()
    with pytest.raises(TamboError) as missing:
        store.remove_slot("passphrase-9")
    assert missing.value.code == errors.STORE_SLOT_NOT_FOUND
    store.close()
    open_with(home, PASSPHRASE).close()


def test_short_passphrases_are_refused(tmp_path, home):
    with pytest.raises(TamboError) as caught:
        Store.create(tmp_path / "other", "corta")
    assert caught.value.code == errors.STORE_PASSPHRASE_TOO_SHORT
    assert not (tmp_path / "other" / SLOTS_FILE).exists()
    store = open_with(home, PASSPHRASE)
    with pytest.raises(TamboError):
        store.change_passphrase("passphrase-1", "1234")
    store.close()
    open_with(home, PASSPHRASE).close()


def test_keyring_unavailable_says_so(home, no_keyring):  # noqa: F811 - fixture
    store = open_with(home, PASSPHRASE)
    with pytest.raises(TamboError) as caught:
        store.add_keyring()
    store.close()
    assert caught.value.code == errors.STORE_KEYRING_UNAVAILABLE
    assert "no está disponible en este sistema" in caught.value.message()
    assert [s.kind for s in KeySlots.load(home).slots] == ["passphrase"]
    with pytest.raises(TamboError) as opening:
        Store.open_with_keyring(home)
    assert opening.value.code == errors.STORE_SLOT_NOT_FOUND  # no keystore slot was ever made


def test_keyring_slot_opens_without_a_passphrase(home, memory_keyring):  # noqa: F811 - fixture
    store = open_with(home, PASSPHRASE)
    slot_id = store.add_keyring()
    store.close()
    assert slot_id == "keyring-1"
    assert len(memory_keyring.secrets) == 1
    unattended = Store.open_with_keyring(home)
    assert unattended.unlocked_by == "keyring-1"
    unattended.remove_slot("keyring-1")
    unattended.close()
    assert memory_keyring.secrets == {}  # removing the slot forgets the secret too
    with pytest.raises(TamboError):
        Store.open_with_keyring(home)


def test_keyring_that_lost_its_secret_falls_back_to_the_passphrase(home, memory_keyring):  # noqa: F811
    store = open_with(home, PASSPHRASE)
    store.add_keyring()
    store.close()
    memory_keyring.secrets.clear()
    with pytest.raises(TamboError) as caught:
        Store.open_with_keyring(home)
    assert caught.value.code == errors.STORE_KEYRING_SECRET_MISSING
    open_with(home, PASSPHRASE).close()


def test_recovery_slot_opens_with_the_institution_key_only(home):
    institution, stranger = Institution(), Institution("otra-muni")
    store = open_with(home, PASSPHRASE)
    store.add_recovery(institution.id, institution.public)
    assert store.add_recovery(institution.id, institution.public) is None  # once per institution key
    store.close()
    with pytest.raises(CryptoError):
        Store.open_with_recovery(home, stranger.private)
    recovered = Store.open_with_recovery(home, institution.private)
    assert recovered.unlocked_by == "recovery-1"
    recovered.add_passphrase("clave-recuperada", kdf=CHEAP_KDF)
    recovered.close()
    open_with(home, "clave-recuperada").close()


def test_damaged_main_file_is_read_from_the_backup_and_repaired(home):
    (home / SLOTS_FILE).write_text("{ esto no es json")
    open_with(home, PASSPHRASE).close()
    assert json.loads((home / SLOTS_FILE).read_text())["format"] == "tambo-keyslots"


def test_both_copies_damaged_or_missing(home, tmp_path):
    (home / SLOTS_FILE).write_text("dañado")
    (home / BACKUP_FILE).write_text("dañado")
    with pytest.raises(TamboError) as caught:
        open_with(home, PASSPHRASE)
    assert caught.value.code == errors.STORE_DAMAGED
    with pytest.raises(TamboError) as missing:
        open_with(tmp_path / "nada", PASSPHRASE)
    assert missing.value.code == errors.STORE_NOT_FOUND


def test_a_slot_from_another_store_is_refused(home, tmp_path):
    other = tmp_path / "other"
    Store.create(other, PASSPHRASE, kdf=CHEAP_KDF).close()
    mine = json.loads((home / SLOTS_FILE).read_text())
    theirs = json.loads((other / SLOTS_FILE).read_text())
    mine["slots"] = theirs["slots"]  # same passphrase, but it unwraps the other store's key
    for name in (SLOTS_FILE, BACKUP_FILE):
        (home / name).write_text(json.dumps(mine))
    with pytest.raises(TamboError) as caught:
        open_with(home, PASSPHRASE)
    assert caught.value.code == errors.STORE_DAMAGED
