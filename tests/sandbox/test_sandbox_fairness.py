"""Fair use: one student's flood of jobs cannot keep another student's job from running."""
import asyncio

from sandbox import Limits, Sandbox, SandboxBusy


def test_one_owner_cannot_fill_the_queue():
    """40 concurrent sleep(1) jobs of one owner: all but ``per_owner`` are refused at once
    (SandboxBusy -> RESOURCE_EXHAUSTED), and the other owner's job runs next, not behind 40."""
    async def go():
        finished = []
        async with Sandbox(Limits(wall_seconds=5, cpu_seconds=5), max_concurrency=2, max_queue=64, per_owner=2) as sb:
            async def job(owner, code):
                try:
                    r = await sb.run(code, owner=owner)
                except SandboxBusy:
                    return "busy"
                finished.append(owner)
                return r.stdout
            flood = [asyncio.create_task(job("alice", "import time\ntime.sleep(1)\nprint('a')\n")) for _ in range(40)]
            await asyncio.sleep(0)          # the flood is submitted first
            other = asyncio.create_task(job("bob", "print('b')\n"))
            results = await asyncio.gather(*flood)
            return results, await other, finished
    results, other, finished = asyncio.run(go())
    assert results.count("busy") == 38 and results.count("a\n") == 2
    assert other == "b\n"
    assert finished.index("bob") <= 2          # behind at most alice's two admitted jobs


def test_owner_slots_are_released():
    async def go():
        async with Sandbox(max_concurrency=2, per_owner=1) as sb:
            outs = [(await sb.run("print(1)", owner="carol")).stdout for _ in range(3)]
            return outs, dict(sb._owners)
    outs, left = asyncio.run(go())
    assert outs == ["1\n"] * 3 and left == {}
