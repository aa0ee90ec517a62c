import test_pictures_browser as B
from test_pictures_browser import served  # noqa

def test_probe(served, tmp_path):
    B.MEASURE = B.MEASURE.replace('doc.body.setAttribute("dir", "rtl"); }}', 'doc.body.setAttribute("dir", "rtl"); doc.querySelectorAll("svg").forEach(function (s) {{ s.removeAttribute("direction"); }}); }}')
    assert "removeAttribute" in B.MEASURE
    ltr = B.measure(served, "timeline/", 1280, False, tmp_path)
    rtl = B.measure(served, "timeline/", 1280, True, tmp_path)
    same = [p["texts"] for p in rtl["pictures"]] == [p["texts"] for p in ltr["pictures"]]
    print("same without direction attr:", same, rtl["pictures"][0]["texts"][5], ltr["pictures"][0]["texts"][5])
