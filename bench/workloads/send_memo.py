# The lesson's send script (seed lesson, "카카오 메시지 API (다른파일)"), as students run it in a CI step.
# Only the host comes from KAKAOPS_API_URL so that it reaches the emulator; the lesson's trailing
# consent check (GET /v2/user/scopes) is left out so that every contender sends exactly one memo.
import json
import os

import requests
from dotenv import load_dotenv

load_dotenv()
rest_api_key = os.getenv("REST_API_KEY")
with open(os.getenv("KAKAOPS_TOKEN_PATH", "kakao_token.json"), "r") as json_file:
    tokens = json.load(json_file)

url = os.getenv("KAKAOPS_API_URL", "https://kapi.kakao.com") + "/v2/api/talk/memo/default/send"
headers = {"Authorization": "Bearer " + tokens["access_token"]}
data = {
    "template_object": json.dumps({
        "object_type": "text",
        "text": "우리는 서강대 멋사 10기야~",
        "link": {"web_url": "https://www.instagram.com/likelion_sg"},
    })
}

response = requests.post(url, headers=headers, data=data)
print(response.status_code)
if response.json().get("result_code") == 0:
    print("메시지를 성공적으로 보냈습니다!")
else:
    print("메시지를 성공적으로 보내지 못했습니다. 오류메시지 : " + str(response.json()))
    raise SystemExit(1)
