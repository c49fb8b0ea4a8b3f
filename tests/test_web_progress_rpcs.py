"""The web app's progress RPCs through Envoy with real Kafka: GetMasteryHistory (mastery curves replayed from
graded work) and WatchClassAlerts (a teacher's live feed of their consenting students' struggle and mastery
events, from the student-struggle and mastery-level-updated topics)."""
from __future__ import annotations

import queue
import threading

import grpc
import pytest
from learnflow.v1 import common_pb2, exercise_service_pb2 as ex, identity_service_pb2 as idp
from learnflow.v1 import progress_service_pb2 as pb

from tests.test_events_progress import wait_for

STRUGGLE = "I still don't understand recursion, why does my recursive function never stop? ({})"


class Watch:
    """A WatchClassAlerts stream read on a thread; events arrive on a queue."""

    def __init__(self, client, class_id: str = ""):
        self.call = client.progress.WatchClassAlerts(pb.WatchClassAlertsRequest(class_id=class_id),
                                                     metadata=client.metadata, timeout=300)
        self.events: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        try:
            for event in self.call:
                self.events.put(event)
        except grpc.RpcError as exc:
            self.events.put(exc)

    def next(self, timeout: float = 120.0):
        item = self.events.get(timeout=timeout)
        if isinstance(item, grpc.RpcError):
            raise item
        return item

    def until(self, predicate, timeout: float = 120.0):
        """Alerts read until one matches (all of them returned), skipping heartbeats."""
        got = []
        while True:
            event = self.next(timeout)
            if event.WhichOneof("event") == "alert":
                got.append(event.alert)
                if predicate(event.alert):
                    return got

    def close(self):
        self.call.cancel()
        self.thread.join(10)


def _class_with(teacher, *students):
    group = teacher.identity.CreateClass(idp.CreateClassRequest(name="Alerts class"), metadata=teacher.metadata).class_group
    for student in students:
        student.identity.JoinClass(idp.JoinClassRequest(join_code=group.join_code), metadata=student.metadata)
    return group


def test_teacher_sees_live_struggle_and_mastery_alerts_of_class_members_only(make_client):
    teacher = make_client(role="teacher", name="Tia Teacher")
    member = make_client(name="Mia Member")
    outsider = make_client(name="Otto Outsider")
    group = _class_with(teacher, member)
    watch = Watch(teacher)
    try:
        started = watch.next()
        assert started.WhichOneof("event") == "started"
        assert list(started.started.class_ids) == [group.class_id] and started.started.student_count == 1
        # the outsider struggles first (a stranger's events never reach this teacher), then the member
        for i in range(3):
            outsider.ask(STRUGGLE.format(i))
        wait_for(lambda: "recursion" in outsider.get_progress().progress.struggle_topics)
        for i in range(3):
            member.ask(STRUGGLE.format(i))
        alerts = watch.until(lambda a: a.WhichOneof("kind") == "struggle")
        assert {a.student_id for a in alerts} == {member.student_id}
        alert = alerts[-1]
        assert alert.student_name == "Mia Member" and list(alert.class_ids) == [group.class_id]
        assert alert.struggle.topic == "recursion" and alert.struggle.query_count >= 3 and alert.alert_id
        assert alert.at.seconds > 0

        # graded work moves mastery: the teacher sees that too
        exercise = member.exercise.GenerateExercise(ex.GenerateExerciseRequest(
            context=common_pb2.TutorContext(), topic="loops"), metadata=member.metadata).exercise
        solution = teacher.exercise.GetExercise(ex.GetExerciseRequest(exercise_id=exercise.exercise_id),
                                                metadata=teacher.metadata).exercise.solution_code
        member.submit(exercise.exercise_id, solution)
        alerts = watch.until(lambda a: a.WhichOneof("kind") == "mastery")
        mastery = alerts[-1].mastery
        assert alerts[-1].student_id == member.student_id
        assert mastery.topic == "loops" and mastery.new_level > mastery.old_level and "exercise" in mastery.reason
    finally:
        watch.close()


def test_watching_is_for_teachers_of_their_own_classes(make_client):
    student = make_client()
    with pytest.raises(grpc.RpcError) as denied:
        Watch(student).next()
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    teacher, other = make_client(role="teacher"), make_client(role="teacher")
    foreign = _class_with(other)
    with pytest.raises(grpc.RpcError) as missing:
        Watch(teacher, foreign.class_id).next()
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as bad:
        Watch(teacher, "not-a-uuid").next()
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "class_id" in bad.value.details()
    own = _class_with(teacher)
    # a watch runs until the caller's deadline and then ends cleanly (OK), not as a server failure
    events = list(teacher.progress.WatchClassAlerts(pb.WatchClassAlertsRequest(class_id=own.class_id),
                                                    metadata=teacher.metadata, timeout=3))
    assert [e.WhichOneof("event") for e in events] == ["started"]
    watch = Watch(teacher, own.class_id)
    try:
        first = watch.next()
        assert first.started.class_ids == [own.class_id] and first.started.student_count == 0
    finally:
        watch.close()


def test_mastery_history_replays_graded_work(make_client):
    teacher = make_client(role="teacher")
    student, stranger = make_client(), make_client()
    _class_with(teacher, student)
    exercise = student.exercise.GenerateExercise(ex.GenerateExerciseRequest(
        context=common_pb2.TutorContext(), topic="strings"), metadata=student.metadata).exercise
    solution = teacher.exercise.GetExercise(ex.GetExerciseRequest(exercise_id=exercise.exercise_id),
                                            metadata=teacher.metadata).exercise.solution_code
    student.submit(exercise.exercise_id, "pass\n")
    student.submit(exercise.exercise_id, solution)
    # both graded submissions consumed from Kafka (the progress agent applies them in order)
    history = wait_for(lambda: (h := student.progress.GetMasteryHistory(pb.GetMasteryHistoryRequest(),
                                                                         metadata=student.metadata)).topics
                       and len(h.topics[0].points) == 2 and h)
    level = student.get_progress().progress.python_mastery_levels["strings"]
    (topic,) = history.topics
    assert topic.topic == "strings" and [p.score for p in topic.points] == [0.0, 1.0]
    assert topic.points[0].mastery < topic.points[1].mastery
    assert abs(topic.points[-1].mastery - level) < 1e-6       # the replay ends where the tracker is
    assert topic.points[0].at.ToDatetime() <= topic.points[1].at.ToDatetime()
    assert sum(d.submissions for d in history.activity) == 2 and history.streak_days >= 1

    by_teacher = teacher.progress.GetMasteryHistory(pb.GetMasteryHistoryRequest(student_id=student.student_id),
                                                    metadata=teacher.metadata)
    assert by_teacher == history
    only = student.progress.GetMasteryHistory(pb.GetMasteryHistoryRequest(topic="loops"), metadata=student.metadata)
    assert not only.topics
    with pytest.raises(grpc.RpcError) as denied:
        stranger.progress.GetMasteryHistory(pb.GetMasteryHistoryRequest(student_id=student.student_id),
                                            metadata=stranger.metadata)
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.RpcError) as bad:
        student.progress.GetMasteryHistory(pb.GetMasteryHistoryRequest(days=1000), metadata=student.metadata)
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "days" in bad.value.details()


def test_stopping_the_agent_stops_the_alert_consumer_and_ends_open_watches(mesh, make_client):
    """on_stop stops the Kafka alert consumer; a watch still open ends UNAVAILABLE (clients reconnect)."""
    import os
    import signal

    from learnflow.v1 import progress_service_pb2_grpc

    from localmesh import processes
    from tests.conftest import spawn_agent

    teacher = make_client(role="teacher")
    channel, pid = spawn_agent(mesh, "progress")
    try:
        stub = progress_service_pb2_grpc.ProgressServiceStub(channel)
        call = stub.WatchClassAlerts(pb.WatchClassAlertsRequest(), metadata=teacher.metadata, timeout=120)
        assert next(call).WhichOneof("event") == "started"
        os.kill(pid, signal.SIGTERM)
        with pytest.raises(grpc.RpcError) as ended:
            next(call)
        assert ended.value.code() == grpc.StatusCode.UNAVAILABLE and "reconnect" in ended.value.details()
        wait_for(lambda: not processes.alive(pid), timeout=30)
    finally:
        channel.close()
        processes.stop_pid(pid)
