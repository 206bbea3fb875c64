#!/usr/bin/env python3
"""Loads the built dist/haven-verifier.html in headless Chromium (chromedriver, WebDriver),
opens bundles made by the real core and checks what the page shows: chain status and head
(the same head `haven bundle verify` prints), entries, the photo rendered from memory, a
tampered bundle's first broken link, a wrong passphrase, kk/ru/en, printing — and that the
page made no request, stored nothing and broke no Content-Security-Policy rule.

usage: browser_test.py PAGE.html SAMPLE.haven TAMPERED.haven PASSPHRASE EXPECTED_HEAD SCREENSHOT_DIR
       browser_test.py --bench PAGE.html BIG.haven PASSPHRASE RUNS
"""
import base64
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def driver():
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
              "--window-size=1100,1500", "--lang=en-US"):
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


def load(d, page):
    d.get("file://" + os.path.abspath(page))
    WebDriverWait(d, 30).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))


def open_bundle(d, path, passphrase, wait_for=("ok", "bad", "err")):
    d.find_element(By.ID, "file").send_keys(os.path.abspath(path))
    d.find_element(By.ID, "pass").send_keys(passphrase)
    d.find_element(By.ID, "open").click()

    def settled(d):
        s = d.find_element(By.ID, "status")
        cls = s.get_attribute("class").split()
        done = any(c in cls for c in ("ok", "bad")) or ("err" in cls and "…" not in s.text and "..." not in s.text)
        return s.text if done else False

    return WebDriverWait(d, 600, poll_frequency=0.1).until(settled)


def check(cond, what):
    if not cond:
        raise SystemExit("FAIL: " + what)
    print("ok -", what)


def test(page, sample, tampered, passphrase, expected_head, shots):
    d = driver()
    try:
        load(d, page)
        text = open_bundle(d, sample, passphrase)
        status = d.find_element(By.ID, "status")
        check("ok" in status.get_attribute("class"), "intact bundle shows the green status")
        check("Evidence chain intact" in text, "status text in English")
        head = d.find_element(By.ID, "chain-head").text
        check(head == expected_head, f"chain head {head} is what `haven bundle verify` printed")
        body = d.find_element(By.TAG_NAME, "body").text
        check("He took my passport and my ID card" in body, "the edited narrative is shown")
        check("He took my passport" in body and "Threats on the phone" in body, "every entry's revisions")
        check("Content erased by her" in body, "an erased entry is marked")
        check("threats" in body and "economic abuse" in body, "incident kinds in words")
        check(d.find_element(By.ID, "pass").get_attribute("value") == "", "passphrase field cleared")
        imgs = d.find_elements(By.CSS_SELECTOR, "img.photo")
        check(len(imgs) == 1, "one photo rendered")
        WebDriverWait(d, 10).until(lambda d: d.execute_script("return arguments[0].complete", imgs[0]))
        check(d.execute_script("return arguments[0].naturalWidth", imgs[0]) == 48, "the photo decoded from memory (48 px wide)")
        check(imgs[0].get_attribute("src").startswith("blob:"), "photo from a blob: URL")
        rows = d.find_elements(By.CSS_SELECTOR, "tr[data-attachment]")
        check(len(rows) == 2 and all("matches" in r.text for r in rows), "both attachments match their SHA-256")
        check(d.execute_script("return performance.getEntriesByType('resource').length") == 0, "no network or file request")
        check(d.execute_script("return localStorage.length + sessionStorage.length") == 0 and
              d.execute_script("return document.cookie") == "", "nothing stored by the browser")
        timing = d.find_element(By.ID, "timing")
        check(float(timing.get_attribute("data-verify-ms")) >= 0, "timing harness present")
        d.save_screenshot(os.path.join(shots, "verifier-en.png"))
        pdf = d.execute_cdp_cmd("Page.printToPDF", {})
        check(len(base64.b64decode(pdf["data"])) > 5000, "prints (PDF rendered)")

        d.find_element(By.CSS_SELECTOR, "button[data-lang=kk]").click()
        check("Дәлелдер тізбегі бүтін" in d.find_element(By.ID, "status").text, "switches to Kazakh")
        d.find_element(By.CSS_SELECTOR, "button[data-lang=ru]").click()
        check("Цепочка доказательств цела" in d.find_element(By.ID, "status").text, "switches to Russian")
        d.save_screenshot(os.path.join(shots, "verifier-ru.png"))
        d.find_element(By.CSS_SELECTOR, "button[data-lang=en]").click()

        d.find_element(By.ID, "close").click()
        check(d.find_element(By.ID, "result").text == "" and not d.find_elements(By.CSS_SELECTOR, "img"),
              "close forgets everything shown")

        text = open_bundle(d, tampered, passphrase)
        check("bad" in d.find_element(By.ID, "status").get_attribute("class"), "tampered bundle shows the red status")
        check("BROKEN" in text and "Entry 1, Revision 3: this revision's content was changed" in text,
              "names the first broken link: " + text)
        check(len(d.find_elements(By.CSS_SELECTOR, ".rev.broken[data-position='2']")) == 1, "the broken revision is marked")
        check("NOT verified" in d.find_element(By.TAG_NAME, "main").text, "a broken bundle's head is marked as not verified")
        d.save_screenshot(os.path.join(shots, "verifier-tampered.png"))

        d.find_element(By.ID, "close").click()
        text = open_bundle(d, sample, "incorrect horse battery")
        check("does not open" in text, "wrong passphrase: " + text)
        check(d.find_element(By.ID, "result").text == "", "nothing shown for a wrong passphrase")

        logs = d.get_log("browser")
        csp = [l for l in logs if "Content Security Policy" in l["message"] or "Refused" in l["message"]]
        check(not csp, "no CSP violation: " + json.dumps(csp))
        severe = [l for l in logs if l["level"] == "SEVERE"]
        check(not severe, "no errors in the console: " + json.dumps(severe))
    finally:
        d.quit()
    print("browser test passed")


def bench(page, big, passphrase, runs):
    d = driver()
    try:
        load(d, page)
        results = []
        for _ in range(int(runs)):
            text = open_bundle(d, big, passphrase)
            if "ok" not in d.find_element(By.ID, "status").get_attribute("class"):
                raise SystemExit("FAIL: big bundle did not verify: " + text)
            t = d.find_element(By.ID, "timing")
            results.append((float(t.get_attribute("data-open-ms")), float(t.get_attribute("data-verify-ms"))))
            d.find_element(By.ID, "close").click()
            d.find_element(By.ID, "file").clear()
        print(json.dumps({"runs_ms": results}))
    finally:
        d.quit()


if __name__ == "__main__":
    if sys.argv[1] == "--bench":
        bench(*sys.argv[2:6])
    else:
        test(*sys.argv[1:7])
