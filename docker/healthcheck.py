"""Exit 0 when this container's API answers 200 on /readyz (the image's HEALTHCHECK).

Asks as the load balancer would: with a host name the settings allow (the first of
ALLOWED_HOSTS) and as HTTPS behind a proxy, so that neither the host check nor the
redirect to HTTPS answers in its place.
"""

import http.client
import os
import sys


def main() -> int:
    bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
    port = int(bind.rsplit(":", 1)[-1]) if ":" in bind else 8000
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost").split(",")]
    host = next((h.lstrip(".") for h in hosts if h and h != "*"), "localhost")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=3)
    try:
        connection.request("GET", "/readyz", headers={"Host": host, "X-Forwarded-Proto": "https"})
        status = connection.getresponse().status
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    if status != 200:
        print(f"unhealthy: /readyz answered {status}", file=sys.stderr)
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
