"""The audit log is a hash chain per organization: an edited, inserted or removed
entry shows, and `amparo audit verify` says where."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from typer.testing import CliRunner

from amparo.cli import app


def _record(member, action: str, **detail):  # type: ignore[no-untyped-def]
    from amparo_web.audit.log import record

    return record(member, action, **detail)


@pytest.fixture
def admin_member(personas):  # type: ignore[no-untyped-def]
    return personas["admin"].membership


def test_entries_are_numbered_and_each_follows_the_one_before(admin_member) -> None:
    from amparo_web.audit.chain import GENESIS, verify

    first = _record(admin_member, "case.viewed", n=1)
    second = _record(admin_member, "case.exported", format="yaml")
    third = _record(admin_member, "case.viewed", n=3)
    assert (first.seq, second.seq, third.seq) == (1, 2, 3)
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    verdict = verify(admin_member.organization)
    assert verdict.intact
    assert (verdict.entries, verdict.head_seq, verdict.head_hash) == (3, 3, third.hash)


def test_an_edited_entry_breaks_the_chain_where_it_was_edited(admin_member) -> None:
    from amparo_web.audit.chain import verify
    from amparo_web.audit.models import AuditEntry

    entries = [_record(admin_member, "case.viewed", n=i) for i in range(4)]
    AuditEntry.objects.filter(pk=entries[1].pk).update(action="case.changed")
    verdict = verify(admin_member.organization)
    assert not verdict.intact
    assert [(b.seq, "changed" in b.problem) for b in verdict.breaks] == [(2, True)]


def test_a_removed_entry_shows_as_missing(admin_member) -> None:
    from amparo_web.audit.chain import verify
    from amparo_web.audit.models import AuditEntry

    entries = [_record(admin_member, "case.viewed", n=i) for i in range(4)]
    AuditEntry.objects.filter(pk=entries[2].pk).delete()
    breaks = verify(admin_member.organization).breaks
    assert {b.seq for b in breaks} == {4}
    assert any("missing before it: 3" in b.problem for b in breaks)


def test_a_rewritten_hash_does_not_hide_an_edit(admin_member) -> None:
    # Recomputing one entry's hash after editing it breaks the link to the next.
    from amparo_web.audit.chain import content, entry_hash, verify
    from amparo_web.audit.models import AuditEntry

    entries = [_record(admin_member, "case.viewed", n=i) for i in range(3)]
    edited = AuditEntry.objects.get(pk=entries[0].pk)
    edited.detail = {"n": 99}
    edited.hash = entry_hash(edited.prev_hash, content(edited))
    edited.save()
    breaks = verify(admin_member.organization).breaks
    assert [b.seq for b in breaks] == [2]


def test_each_organization_has_its_own_chain(personas) -> None:
    from amparo_web.audit.chain import verify

    mine = _record(personas["admin"].membership, "case.viewed")
    theirs = _record(personas["outsider"].membership, "case.viewed")
    assert mine.seq == theirs.seq == 1
    assert verify(personas["outsider"].membership.organization).entries == 1


def test_the_commands_say_intact_or_where_it_broke(admin_member, capsys) -> None:
    from amparo_web.audit.models import AuditEntry

    entries = [_record(admin_member, "case.viewed", n=i) for i in range(3)]
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert f"{admin_member.organization.name}: intact, 3 entries" in out
    result = CliRunner().invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "intact, 3 entries" in result.output
    AuditEntry.objects.filter(pk=entries[0].pk).update(case_reference="X")
    broken = CliRunner().invoke(
        app, ["audit", "verify", "--org", admin_member.organization.name]
    )
    assert broken.exit_code == 1
    assert "BROKEN" in broken.output
    assert "entry #1" in broken.output
    unknown = CliRunner().invoke(app, ["audit", "verify", "--org", "No such office"])
    assert unknown.exit_code == 1
    assert "no organization 'No such office'" in unknown.output
