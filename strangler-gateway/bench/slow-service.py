#!/usr/bin/env python3
"""A service that answers every request after a fixed delay: the slow side of bench/shadow-isolation.sh.

Usage: slow-service.py <port> <delay-seconds> <file served as the body>
HTTP/1.1 with keep-alive on asyncio, so that hundreds of waiting requests cost no thread each.
"""
import asyncio
import sys

PORT, DELAY, BODY = int(sys.argv[1]), float(sys.argv[2]), open(sys.argv[3], "rb").read()
HEAD = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(BODY))


async def serve(reader, writer):
    try:
        while True:
            request = await reader.readuntil(b"\r\n\r\n")  # GET and HEAD only: no body to read
            await asyncio.sleep(DELAY)
            writer.write(HEAD if request.startswith(b"HEAD ") else HEAD + BODY)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", PORT, backlog=1024)
    async with server:
        await server.serve_forever()


asyncio.run(main())
