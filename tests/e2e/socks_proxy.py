"""A minimal SOCKS5 proxy (no authentication, CONNECT only) that counts the connections it relays."""

from __future__ import annotations

import asyncio
import socket
import struct


class Socks5Proxy:
    def __init__(self) -> None:
        self.connections = 0
        self._server: asyncio.Server | None = None

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            _, methods = await reader.readexactly(2)
            await reader.readexactly(methods)
            writer.write(b"\x05\x00")  # no authentication
            _, command, _, address_type = await reader.readexactly(4)
            host = await self._address(reader, address_type)
            (port,) = struct.unpack(">H", await reader.readexactly(2))
            if command != 1:
                writer.write(b"\x05\x07\x00\x01" + bytes(6))
                return
            upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
            self.connections += 1
            writer.write(b"\x05\x00\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack(">H", port))
            await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    @staticmethod
    async def _address(reader: asyncio.StreamReader, address_type: int) -> str:
        if address_type == 1:
            return socket.inet_ntoa(await reader.readexactly(4))
        if address_type == 3:
            (length,) = await reader.readexactly(1)
            return (await reader.readexactly(length)).decode()
        return socket.inet_ntop(socket.AF_INET6, await reader.readexactly(16))


async def _pipe(source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
    try:
        while data := await source.read(65536):
            target.write(data)
            await target.drain()
    except ConnectionError:
        pass
    finally:
        target.close()
