# The lesson's requests.post, called in a loop: usage: warm_requests.py WARMUP COUNT
# Prints the milliseconds of each measured call as a JSON array.
import json
import os
import sys
import time

import requests

warmup, count = int(sys.argv[1]), int(sys.argv[2])
with open(os.environ["KAKAOPS_TOKEN_PATH"]) as json_file:
    tokens = json.load(json_file)
url = os.environ["KAKAOPS_API_URL"] + "/v2/api/talk/memo/default/send"
headers = {"Authorization": "Bearer " + tokens["access_token"]}


def send(i):
    start = time.perf_counter()
    data = {"template_object": json.dumps({
        "object_type": "text",
        "text": f"requests {i}",
        "link": {"web_url": "https://developers.kakao.com"},
    })}
    response = requests.post(url, headers=headers, data=data)
    if response.json().get("result_code") != 0:
        raise SystemExit(f"send failed: {response.status_code} {response.text}")
    return (time.perf_counter() - start) * 1000


for i in range(warmup):
    send(i)
print(json.dumps([send(i) for i in range(count)]))
