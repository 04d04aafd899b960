"""Headless Chromium driven through the DevTools protocol over a pipe, for the page tests.

Chromium's --remote-debugging-pipe reads commands on its fd 3 and writes answers and events
on its fd 4, each a JSON text ended by a NUL byte: no WebSocket, no port, no package beyond
Debian's chromium. A `Browser` opens one tab; `load` shows a file at a width and keeps every
console message, uncaught exception, log entry and network request the page causes.
"""

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time


def chromium_path():
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    def __init__(self):
        program = chromium_path()
        if program is None:
            raise RuntimeError("Chromium (Debian's chromium) is not installed")
        self._profile = tempfile.mkdtemp(prefix="caseledger-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def give_pipes():  # in the child: the pipes become fds 3 and 4, which it keeps
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self._process = subprocess.Popen(
            [program, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
             f"--user-data-dir={self._profile}", "--no-first-run", "--no-default-browser-check",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--disable-default-apps", "--mute-audio",
             "--hide-scrollbars", "--font-render-hinting=none", "about:blank"],
            pass_fds=(3, 4), preexec_fn=give_pipes,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target,
                                  flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def close(self):
        try:
            self.call("Browser.close")
        except (OSError, RuntimeError):
            pass
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def _receive(self, deadline):
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise RuntimeError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=False, timeout=60, **params):
        """Sends a command and returns its result; events that come meanwhile are kept."""
        self._next_id += 1
        command = {"id": self._next_id, "method": method, "params": params}
        if session:
            command["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            for message in self.events:
                if message["method"] == event:
                    return message
            self.events.append(self._receive(deadline))

    def load(self, path, width, height=800):
        """Shows the file at `path` in a viewport `width` CSS pixels wide (a phone's when
        narrow) and waits until it has loaded."""
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)
        self.events.clear()
        self.call("Page.navigate", session=True, url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", session=True, expression=expression,
                           returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def complaints(self):
        """Console messages, uncaught exceptions and log entries of warning level or worse."""
        found = []
        for message in self.events:
            params = message.get("params", {})
            if message["method"] == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif message["method"] == "Runtime.consoleAPICalled":
                found.append(f"console.{params['type']}")
            elif message["method"] == "Log.entryAdded":
                if params["entry"]["level"] in ("warning", "error"):
                    found.append(params["entry"]["text"])
        return found

    def requests(self):
        """The URLs of every request the page made."""
        return [message["params"]["request"]["url"] for message in self.events
                if message["method"] == "Network.requestWillBeSent"]

    def screenshot(self, path):
        """The whole page, as tall as it is, as PNG."""
        metrics = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
        data = self.call("Page.captureScreenshot", session=True, format="png",
                         captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": metrics["width"],
                               "height": metrics["height"], "scale": 1})["data"]
        path.write_bytes(base64.b64decode(data))

    def pdf(self, path):
        """The page printed as the browser prints it, at the page size its CSS asks for."""
        data = self.call("Page.printToPDF", session=True, preferCSSPageSize=True,
                         printBackground=True, timeout=120)["data"]
        path.write_bytes(base64.b64decode(data))
