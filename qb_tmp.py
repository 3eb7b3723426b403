import asyncio, logging, json, sys
from bench.queue_bench import run_once, FIRST_OFFICIAL
logging.basicConfig(level=logging.WARNING, filename="/tmp/qb.log", filemode="w", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
url = sys.argv[1]
print(json.dumps(asyncio.run(run_once(100, 0.0, url, 7, 30, FIRST_OFFICIAL))), flush=True)
print(json.dumps(asyncio.run(run_once(100, 0.2, url, 7, 30, FIRST_OFFICIAL + 1000))), flush=True)
