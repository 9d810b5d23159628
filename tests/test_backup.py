"""`manage.py backup` / `restore`: a real round trip through the configured database — SQLite by default,
PostgreSQL (pg_dump / pg_restore) when DATABASE_URL says so — and the media files beside it.

The tests commit (transactional_db): pg_dump reads the database from its own session, so rows inside a test
transaction would be invisible to it."""

import io
import json
import tarfile

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from changes.models import ChangeRequest
from core.roles import PMO
from meetings.choices import PackKind, PackStatus
from meetings.models import MeetingPack
from mhhs_governance.management.commands import backup as backup_module
from mhhs_governance.management.commands.backup import find_pg_tool, server_major
from raid.models import MitigationStep, RaidItem
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory
from tests.raid.factories import RaidItemFactory

SNAPSHOT_APPS = ("programme", "changes", "raid", "milestones", "meetings", "mhhs_governance", "auth")
PDF = b"%PDF-1.4\n% the DAG26 papers\n%%EOF\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def pg_tools(transactional_db):
    """On PostgreSQL, pg_dump and pg_restore of the server's version, or the test is skipped with the reason."""
    if connection.vendor == "postgresql":
        major = server_major(connection)
        try:
            find_pg_tool("pg_dump", major)
            find_pg_tool("pg_restore", major)
        except CommandError as missing:
            pytest.skip(str(missing))


def snapshot() -> dict:
    """Every row of the registers, their history (many-to-many history too), ref counters and users."""
    rows = {}
    for label in SNAPSHOT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            rows[model._meta.label] = list(model._base_manager.order_by("pk").values())
    return rows


@pytest.fixture
def programme(pg_tools, media_root):
    """Records with history (a re-scored RAID item with groups and a mitigation step, a CR with IA
    constituencies, a meeting) and a meeting pack PDF under MEDIA_ROOT."""
    pmo = UserFactory(username="pmo-backup", role=PMO)
    dag = GovernanceGroupFactory(code="DAG")
    item = RaidItemFactory(actor=pmo, title="Design baseline slips", groups=[dag])
    item.impact = 5
    item._history_user = pmo
    item._change_reason = "Re-scored at DAG26"
    item.save()
    MitigationStep.objects.create(item=item, position=1, text="Agree a fallback design")
    cr = ChangeRequestFactory(ref="CR101", title="Move the design baseline", ia_constituencies=[ConstituencyFactory()])
    meeting = MeetingFactory(group=dag, number="26", actor=pmo)
    name = default_storage.save("packs/DAG/DAG26-papers-v1.0.pdf", ContentFile(PDF))
    pack = MeetingPack.objects.create(meeting=meeting, kind=PackKind.PAPERS, status=PackStatus.READY, file=name)
    return {"pmo": pmo, "item": item, "cr": cr, "pack": pack}


def test_round_trip_brings_back_records_history_and_media(programme, media_root, tmp_path):
    item, cr, pack = programme["item"], programme["cr"], programme["pack"]
    item_pk, group_pk = item.pk, item.groups.get().pk
    assert item.history.count() >= 3  # raised, groups set, re-scored
    before = snapshot()
    bundle = tmp_path / "mhhs.tar.gz"

    out = io.StringIO()
    call_command("backup", str(bundle), stdout=out)
    assert f"to {bundle}" in out.getvalue()
    assert bundle.stat().st_mode & 0o077 == 0  # every record and password hash: the owner's eyes only
    with tarfile.open(bundle) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile("manifest.json"))
    assert manifest["vendor"] == connection.vendor
    assert manifest["media_files"] == 1
    assert "media/packs/DAG/DAG26-papers-v1.0.pdf" in names

    # After the backup: a record deleted (with its history row), one edited, one added, the PDF changed.
    item.delete()
    cr.title = "Changed after the backup"
    cr.save()
    RaidItemFactory(title="Raised after the backup")
    (media_root / pack.file.name).write_bytes(b"overwritten")
    (media_root / "packs/DAG/added-later.pdf").write_bytes(b"later")
    assert snapshot() != before

    out = io.StringIO()
    call_command("restore", str(bundle), yes=True, stdout=out)
    assert "1 media file(s)" in out.getvalue()

    assert snapshot() == before
    restored = RaidItem.objects.get(ref=item.ref)
    assert restored.pk == item_pk
    assert [h.history_type for h in restored.history.order_by("history_id")][-1] == "~"
    assert restored.history.filter(history_change_reason="Re-scored at DAG26", history_user=programme["pmo"]).exists()
    assert set(restored.history.latest().groups.values_list("governancegroup_id", flat=True)) == {group_pk}
    assert ChangeRequest.objects.get(pk=cr.pk).title == "Move the design baseline"
    assert (media_root / pack.file.name).read_bytes() == PDF
    assert (media_root / "packs/DAG/added-later.pdf").exists()  # files newer than the backup are left alone

    # Sequences came back with the rows: new records do not collide with restored ones.
    assert RaidItemFactory(title="Raised after the restore").pk > item_pk


def test_bare_database_file_restores_too(programme, tmp_path):
    """A bare pg_dump custom archive or SQLite file (e.g. taken from a bundle) restores the database alone."""
    bundle = tmp_path / "mhhs.tar.gz"
    call_command("backup", str(bundle), stdout=io.StringIO())
    before = snapshot()
    with tarfile.open(bundle) as archive:
        member = next(m for m in archive.getmembers() if m.name.startswith("database."))
        archive.extract(member, tmp_path, filter="data")
    programme["cr"].delete()

    call_command("restore", str(tmp_path / member.name), yes=True, stdout=io.StringIO())

    assert snapshot() == before


def test_default_path_is_a_timestamped_bundle_in_the_backup_dir(pg_tools, media_root, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    call_command("backup", stdout=io.StringIO())
    (written,) = (tmp_path / "backups").iterdir()
    assert written.name.startswith("mhhs-") and written.name.endswith("Z.tar.gz")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(written), stdout=io.StringIO())


def test_restore_refuses_without_yes_when_there_is_no_terminal(programme, tmp_path, monkeypatch):
    bundle = tmp_path / "mhhs.tar.gz"
    call_command("backup", str(bundle), stdout=io.StringIO())
    programme["cr"].delete()
    after_delete = snapshot()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # CI: no terminal

    with pytest.raises(CommandError, match="add --yes"):
        call_command("restore", str(bundle), stdout=io.StringIO())

    assert snapshot() == after_delete


def test_restore_asks_on_a_terminal(programme, tmp_path, monkeypatch):
    bundle = tmp_path / "mhhs.tar.gz"
    call_command("backup", str(bundle), stdout=io.StringIO())
    programme["cr"].delete()
    terminal = io.StringIO()
    terminal.isatty = lambda: True
    monkeypatch.setattr("sys.stdin", terminal)

    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(bundle), stdout=io.StringIO())
    assert not ChangeRequest.objects.filter(ref="CR101").exists()

    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    call_command("restore", str(bundle), stdout=io.StringIO())
    assert ChangeRequest.objects.filter(ref="CR101").exists()


@pytest.mark.django_db
def test_restore_names_what_is_wrong_with_its_input(tmp_path):
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), yes=True)

    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(junk), yes=True)

    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as archive:
        archive.add(junk, arcname="notes.txt")
    with pytest.raises(CommandError, match=r"not a backup made by `manage\.py backup`"):
        call_command("restore", str(foreign), yes=True)

    other_vendor = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    wrong_kind = tmp_path / "wrong-kind.tar.gz"
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"format": backup_module.FORMAT, "format_version": 1, "vendor": other_vendor}))
    with tarfile.open(wrong_kind, "w:gz") as archive:
        archive.add(manifest, arcname="manifest.json")
    with pytest.raises(CommandError, match=f"is a backup of {backup_module.VENDOR_NAMES[other_vendor]}"):
        call_command("restore", str(wrong_kind), yes=True)


def test_restore_refuses_a_bundle_with_entries_outside_it(transactional_db, tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"format": backup_module.FORMAT, "format_version": 1, "vendor": connection.vendor}))
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as archive:
        archive.add(manifest, arcname="manifest.json")
        archive.add(manifest, arcname="media/../../escaped.txt")

    with pytest.raises(CommandError, match="unexpected entry"):
        call_command("restore", str(evil), yes=True, stdout=io.StringIO())

    assert not (tmp_path.parent / "escaped.txt").exists()


def test_missing_pg_dump_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(backup_module.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match=r"pg_dump not found: install the PostgreSQL 99 client tools"):
        find_pg_tool("pg_dump", 99)
    with pytest.raises(CommandError, match="pg_restore not found in /nowhere"):
        find_pg_tool("pg_restore", 99, "/nowhere")


def test_an_older_pg_dump_on_path_is_refused(monkeypatch, tmp_path):
    old = tmp_path / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.4'\n")
    old.chmod(0o755)
    monkeypatch.setattr(backup_module.shutil, "which", lambda name: str(old))
    with pytest.raises(CommandError, match="PostgreSQL 13, older than the server"):
        find_pg_tool("pg_dump", 99)


def test_pg_dump_gets_the_password_in_its_environment_not_its_arguments(monkeypatch, tmp_path):
    class FakeConnection:
        vendor = "postgresql"
        pg_version = 150004
        settings_dict = {"NAME": "mhhs", "USER": "mhhs", "PASSWORD": "s3cret", "HOST": "db", "PORT": 5433}
        settings_dict["OPTIONS"] = {"sslmode": "require"}

        def ensure_connection(self):
            pass

    calls = []
    monkeypatch.setattr(backup_module, "find_pg_tool", lambda name, major, pg_bin=None: f"/pg{major}/{name}")
    monkeypatch.setattr(backup_module, "run_tool", lambda args, env: calls.append((args, env)))

    backup_module.Command().dump_postgresql(FakeConnection(), tmp_path / "database.dump", None)

    ((args, env),) = calls
    assert args[0] == "/pg15/pg_dump" and "--format=custom" in args
    assert not any("s3cret" in arg for arg in args)
    assert env["PGPASSWORD"] == "s3cret" and env["PGDATABASE"] == "mhhs" and env["PGPORT"] == "5433"
    assert env["PGSSLMODE"] == "require"
