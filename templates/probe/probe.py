# ferry's client probe: N concurrent clients, each sending one request per connection to the front,
# recording start, end and outcome of every request. Bounded: stops at the stop file, after the time
# limit, or at the request limit, whichever comes first.
import asyncio, os, sys, time

CONFIG = {{ config | json }}
HOST, PORT, MODE = CONFIG["host"], CONFIG["port"], CONFIG["mode"]
TIMEOUT = CONFIG["timeoutSeconds"]
DEADLINE = time.time() + CONFIG["seconds"]
LIMIT = CONFIG["maxRequests"]
rows = []


def stopping():
    return len(rows) >= LIMIT or time.time() > DEADLINE or os.path.exists(CONFIG["stopFile"])


async def request():
    reader, writer = await asyncio.open_connection(HOST, PORT)
    try:
        if MODE == "http":
            writer.write(b"GET / HTTP/1.1\r\nHost: ferry-front\r\nConnection: close\r\n\r\n")
            await writer.drain()
            data = await reader.read()
            head, _, body = data.partition(b"\r\n\r\n")
            return head.split(b" ", 2)[1].decode(), body.strip().decode(errors="replace")
        writer.write(b"INCR ferry-probe\r\n")
        await writer.drain()
        line = await reader.readline()
        return ("200", line[1:].strip().decode()) if line.startswith(b":") else ("error:" + line.strip().decode(), "")
    finally:
        writer.close()


async def client(index):
    while not stopping():
        start = time.time()
        try:
            status, body = await asyncio.wait_for(request(), TIMEOUT)
        except Exception as e:
            status, body = "error:" + type(e).__name__, ""
        rows.append(f"{index},{start:.6f},{time.time():.6f},{status},{body[:32]}")


async def main():
    await asyncio.gather(*(client(i) for i in range(CONFIG["clients"])))


asyncio.run(main())
with open(CONFIG["output"] + ".tmp", "w") as out:
    out.write("client,start,end,status,body\n")
    out.write("\n".join(rows) + "\n")
os.rename(CONFIG["output"] + ".tmp", CONFIG["output"])
