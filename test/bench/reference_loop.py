"""The reference simulator's loop, written plainly as a research simulator is written (lists,
min(queue, key=...), one float addition per step): the comparator for `npm run bench`, which
times it against the CLI on the same CSV. Its loop follows the reference as docs/reference.md
and src/engine/modes/reference.ts describe it; it prints the metrics as JSON, so that the bench
can check it agrees with the CLI before it compares their times.

Usage: python3 reference_loop.py WORKLOAD.csv GPUS MAX_TIME(inf allowed) [DT]
"""

import csv
import json
import math
import sys

PREFILL_RATE = 1000.0
DECODE_RATE = 5000.0
FLOPS = {
    'DeepSeek-R1': (2.67e12, 1.34e11, 8),
    'Qwen3': (1.2e11, 6.0e9, 2),
    'GLM4.7': (1.42e12, 7.1e10, 4),
    'Llama3-70B': (2.8e11, 1.4e10, 4),
    'Llama3-8B': (3.2e10, 1.6e9, 1),
    'Mistral-7B': (2.8e10, 1.4e9, 1),
    'Mixtral-8x7B': (1.9e11, 9.5e9, 2),
}


class Task:
    def __init__(self, row, order):
        self.id = row['Task']
        self.model = row['Workload']
        self.weight = float(row['Weight'])
        self.arrival = float(row['ArrivalTime'])
        self.prefill = row['Phase'].strip() == '1'
        self.tokens = int(row['Tokens'])
        self.order = order
        self.start = None
        self.finish = None
        self.gpus = []


def estimate(task):
    if task.model not in FLOPS:
        return math.inf
    fp, fd, tp = FLOPS[task.model]
    flops = task.tokens * (fp if task.prefill else fd)
    return flops / 30e12 * min(1, 1 / tp)


def wsrpt_priority(task):
    e = estimate(task)
    e = 1.0 if e == math.inf else max(0.001, e)
    return task.weight / e if e > 0 else math.inf


# min() keeps the first of equal keys: ties go to the task earliest in the queue.
POLICIES = {
    'FIFO': lambda t: t.arrival,
    'WeightedFIFO': lambda t: (-t.weight, t.arrival),
    'SRPT': estimate,
    'WSRPT': lambda t: -wsrpt_priority(t),
}


def simulate(rows, gpu_count, max_time, dt, policy):
    tasks = sorted((Task(r, i) for i, r in enumerate(rows)), key=lambda t: t.arrival)
    free = [True] * gpu_count
    queue, running, done = [], [], []
    nxt = 0
    t = 0.0

    def complete(now):
        for task in list(running):
            if task.finish <= now:
                running.remove(task)
                for g in task.gpus:
                    free[g] = True
                done.append(task)

    while t < max_time:
        complete(t)
        while nxt < len(tasks) and tasks[nxt].arrival <= t:
            queue.append(tasks[nxt])
            nxt += 1
        slots = free.count(True) // 2 - len(running)
        while slots > 0 and queue:
            task = min(queue, key=policy)
            queue.remove(task)
            task.gpus = [g for g in range(gpu_count) if free[g]][:2]
            for g in task.gpus:
                free[g] = False
            task.start = t
            task.finish = t + task.tokens / (PREFILL_RATE if task.prefill else DECODE_RATE)
            running.append(task)
            slots -= 1
        t = t + dt
        if max_time == math.inf and nxt == len(tasks) and not queue and not running:
            break
    complete(t)
    for task in running:
        done.append(task)
    weighted = sum(x.weight * (x.finish - x.arrival) for x in done)
    return {'weighted_waiting_time': weighted, 'completed_count': len(done), 'total_count': len(tasks)}


def main():
    path, gpus, max_time = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    dt = float(sys.argv[4]) if len(sys.argv) > 4 else 0.01
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f))
    print(json.dumps({name: simulate(rows, gpus, max_time, dt, key) for name, key in POLICIES.items()}))


if __name__ == '__main__':
    main()
