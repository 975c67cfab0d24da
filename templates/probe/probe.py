# ferry's client probe: N concurrent clients, each sending one request per connection to the front (the
# app file's probe: an HTTP GET answered 200, or a line sent and an answer that starts as expected, with
# {n} a random number below the answer to the count request), recording start, end and outcome of every
# request. Bounded: stops at the stop file, after the time limit, or at the request limit, whichever
# comes first.
import asyncio, os, random, time

CONFIG = {{ config | json }}
HOST, PORT = CONFIG["host"], CONFIG["port"]
HTTP, SEND, EXPECT, COUNT = CONFIG["http"], CONFIG["send"].encode(), CONFIG["expect"].encode(), CONFIG["count"].encode()
TIMEOUT = CONFIG["timeoutSeconds"]
DEADLINE = time.time() + CONFIG["seconds"]
LIMIT = CONFIG["maxRequests"]
rows = []
failures = 0
count = 1


def stopping():
    return len(rows) >= LIMIT or time.time() > DEADLINE or os.path.exists(CONFIG["stopFile"])


async def exchange(payload):
    reader, writer = await asyncio.open_connection(HOST, PORT)
    try:
        writer.write(payload)
        await writer.drain()
        return await reader.readline()
    finally:
        writer.close()


async def request():
    if HTTP:
        reader, writer = await asyncio.open_connection(HOST, PORT)
        try:
            writer.write(b"GET " + HTTP.encode() + b" HTTP/1.1\r\nHost: ferry-front\r\nConnection: close\r\n\r\n")
            await writer.drain()
            data = await reader.read()
        finally:
            writer.close()
        head, _, body = data.partition(b"\r\n\r\n")
        return head.split(b" ", 2)[1].decode(), body.strip().decode(errors="replace")
    line = await exchange(SEND.replace(b"{n}", str(random.randrange(count)).encode()))
    if line.startswith(EXPECT):
        return "200", line.strip().decode(errors="replace")
    return "unexpected:" + line.strip().decode(errors="replace")[:24].replace(",", " "), ""


async def client(index):
    global failures
    while not stopping():
        start = time.time()
        try:
            status, body = await asyncio.wait_for(request(), TIMEOUT)
        except Exception as e:
            status, body = "error:" + type(e).__name__, ""
        rows.append(f"{index},{start:.6f},{time.time():.6f},{status},{body[:32].replace(',', ' ')}")
        failures += status != "200"


async def live():
    # What a watcher reads while the probe runs: requests ended so far, and how many failed.
    while not stopping():
        with open(CONFIG["live"] + ".tmp", "w") as out:
            out.write(f"{len(rows)} {failures}\n")
        os.rename(CONFIG["live"] + ".tmp", CONFIG["live"])
        await asyncio.sleep(0.5)


async def main():
    global count
    if COUNT:
        answer = await asyncio.wait_for(exchange(COUNT), TIMEOUT)
        count = max(1, int(answer.strip().lstrip(b":")))
    await asyncio.gather(live(), *(client(i) for i in range(CONFIG["clients"])))


asyncio.run(main())
with open(CONFIG["output"] + ".tmp", "w") as out:
    out.write("client,start,end,status,body\n")
    out.write("\n".join(rows) + "\n")
os.rename(CONFIG["output"] + ".tmp", CONFIG["output"])
