"""Classes by consent (issue 14, attack 1): a teacher cannot pull a student into a class; students join
with the class code or accept an invitation, and leaving ends the teacher's access."""
from __future__ import annotations

import grpc
import pytest
from learnflow.v1 import identity_service_pb2 as ipb, progress_service_pb2

from tests.conftest import new_email


def _progress_of(reader, student):
    return reader.progress.GetProgress(progress_service_pb2.GetProgressRequest(student_id=student.student_id),
                                       metadata=reader.metadata, timeout=10)


def _denied(call):
    with pytest.raises(grpc.RpcError) as err:
        call()
    assert err.value.code() in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.NOT_FOUND)


def _new_class(teacher, name="Intro"):
    return teacher.identity.CreateClass(ipb.CreateClassRequest(name=name), metadata=teacher.metadata,
                                        timeout=10).class_group


def test_invitation_by_email_grants_nothing_until_accepted(make_client):
    victim, teacher = make_client(), make_client("teacher")
    group = _new_class(teacher)
    reply = teacher.identity.AddClassMember(ipb.AddClassMemberRequest(class_id=group.class_id,
                                                                      student_email=victim.email),
                                            metadata=teacher.metadata, timeout=10)
    assert victim.student_id not in reply.class_group.student_ids
    _denied(lambda: _progress_of(teacher, victim))
    invitations = victim.identity.ListClassInvitations(ipb.ListClassInvitationsRequest(), metadata=victim.metadata,
                                                       timeout=10).invitations
    assert [i.class_id for i in invitations] == [group.class_id]
    victim.identity.AcceptClassInvitation(ipb.AcceptClassInvitationRequest(class_id=group.class_id),
                                          metadata=victim.metadata, timeout=10)
    assert _progress_of(teacher, victim).progress.student_id == victim.student_id
    victim.identity.LeaveClass(ipb.LeaveClassRequest(class_id=group.class_id), metadata=victim.metadata, timeout=10)
    _denied(lambda: _progress_of(teacher, victim))


def test_invitations_do_not_reveal_which_emails_exist(make_client):
    existing, teacher = make_client(), make_client("teacher")
    group = _new_class(teacher)
    answers = []
    for email in (existing.email, new_email("ghost")):
        reply = teacher.identity.AddClassMember(ipb.AddClassMemberRequest(class_id=group.class_id,
                                                                          student_email=email),
                                                metadata=teacher.metadata, timeout=10)
        group_seen = reply.class_group
        answers.append((list(group_seen.student_ids), group_seen.name))
    assert answers[0] == answers[1] == ([], "Intro")


def test_join_code_is_the_way_in_and_only_the_teacher_sees_it(make_client):
    student, teacher, other = make_client(), make_client("teacher"), make_client("teacher")
    group = _new_class(teacher)
    assert len(group.join_code) >= 12
    with pytest.raises(grpc.RpcError) as err:
        student.identity.JoinClass(ipb.JoinClassRequest(join_code="AAAA-BBBB-CCCC"), metadata=student.metadata,
                                   timeout=10)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    joined = student.identity.JoinClass(ipb.JoinClassRequest(join_code=group.join_code), metadata=student.metadata,
                                        timeout=10).class_group
    assert joined.class_id == group.class_id and not joined.join_code and not joined.student_ids
    assert _progress_of(teacher, student).progress.student_id == student.student_id
    _denied(lambda: _progress_of(other, student))
    listed = teacher.identity.ListClasses(ipb.ListClassesRequest(), metadata=teacher.metadata, timeout=10).classes
    assert [list(c.student_ids) for c in listed if c.class_id == group.class_id] == [[student.student_id]]


def test_a_teacher_cannot_invite_into_someone_elses_class(make_client):
    student, teacher, intruder = make_client(), make_client("teacher"), make_client("teacher")
    group = _new_class(teacher)
    with pytest.raises(grpc.RpcError) as err:
        intruder.identity.AddClassMember(ipb.AddClassMemberRequest(class_id=group.class_id,
                                                                   student_email=student.email),
                                         metadata=intruder.metadata, timeout=10)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
