"""Signs one request with botocore's SigV4Auth (from the Debian awscli package) and prints the signed headers.

Input on stdin, JSON: {"method", "url", "body" (text), "headers" {name: value}, "accessKey", "secretKey",
"token" (or null), "region", "service", "timestamp" ("20150830T123600Z")}. Output: the headers after signing, JSON.
The test that calls this compares botocore's Authorization header with ours, byte for byte.
"""
import datetime
import json
import sys
from unittest import mock

import awscli  # noqa: F401  installs the alias that makes the CLI's vendored botocore importable as "botocore"
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

spec = json.load(sys.stdin)
request = AWSRequest(method=spec["method"], url=spec["url"], data=spec["body"].encode("utf-8"), headers=spec["headers"])
credentials = Credentials(spec["accessKey"], spec["secretKey"], spec.get("token"))
signed_at = datetime.datetime.strptime(spec["timestamp"], "%Y%m%dT%H%M%SZ")

# botocore reads the clock inside add_auth; pin it the way botocore's own tests do.
with mock.patch("botocore.auth.datetime") as clock:
    clock.datetime.utcnow.return_value = signed_at
    clock.datetime.now.return_value = signed_at
    SigV4Auth(credentials, spec["service"], spec["region"]).add_auth(request)

json.dump(dict(request.headers.items()), sys.stdout)
