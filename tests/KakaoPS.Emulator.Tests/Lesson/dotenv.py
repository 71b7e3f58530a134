"""A stand-in for python-dotenv's load_dotenv (not installed here): reads KEY = value lines of ./.env."""
import os


def load_dotenv(path=".env"):
    if not os.path.exists(path):
        return False
    with open(path, encoding="utf-8") as env_file:
        for line in env_file:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            os.environ.setdefault(key.strip(), value.strip().strip("'\""))
    return True
