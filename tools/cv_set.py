"""A labelled folder of real CV layouts from public CV/résumé template repositories, for ``engine bench``.

The CVs are the example PDFs (and PNG previews) those projects publish; the truth is what they print. They are
not copied into this repository (their licences vary): this script clones the projects and writes a
labels.jsonl folder beside them. It needs git and internet; the engine does not.

    python tools/cv_set.py CVS
    python -m tools.bench CVS [--render]

Where Odoo is importable, Odoo's own demo CVs are added (17 scans with an OCR text layer).
"""

import os
import shutil
import sys

import sources

MODERNCV = ("John Doe", "john@doe.org", "+1 (234) 567 890")
JAN = ("Jan Küster", "info@jankuester.com", None)  # the phone is printed masked ("+49 176 *** *** **")
RENDERCV = ("John Doe", "john.doe@email.com", None)

# repository → [(path in the repository, (name, email, phone or None))]
SOURCES = {
    "deedy/Deedy-Resume": [
        ("OpenFonts/deedy_resume-openfont.pdf", ("Debarghya Das", "deedy@fb.com", "607.379.5733")),
        ("MacFonts/deedy_resume.pdf", ("Debarghya Das", "deedy@fb.com", "607.379.5733")),
    ],
    "liantze/AltaCV": [
        ("mmayer.pdf", ("Marissa Mayer", "mmayer@yahoo-inc.com", "000-00-0000")),
        ("sample.pdf", ("Your Name Here", "your_name@email.com", "000-00-0000")),
        ("sample.png", ("Your Name Here", "your_name@email.com", "000-00-0000")),
    ],
    "posquit0/Awesome-CV": [
        ("examples/cv.pdf", ("Claud D. Park", "posquit0.bj@gmail.com", "(+82) 10-9030-1843")),
        ("examples/resume.pdf", ("Byungjin Park", "posquit0.bj@gmail.com", "(+82) 10-9030-1843")),
        ("examples/resume-0.png", ("Byungjin Park", "posquit0.bj@gmail.com", "(+82) 10-9030-1843")),
    ],
    "sb2nov/resume": [
        ("sourabh_bajaj_resume.pdf", ("Sourabh Bajaj", "sourabh@sourabhbajaj.com", "+1-123-456-7890")),
    ],
    "xdanaux/moderncv": [
        (f"examples/template{style}.pdf", MODERNCV)
        for style in (
            "-es",
            "-multibib",
            "_banking_red",
            "_banking_red-fullrules-center",
            "_banking_red-norules",
            "_banking_red-shortrules-right",
            "_casual_orange",
            "_casual_orange-left",
            "_classic_green",
            "_classic_green-right",
            "_fancy_purple",
            "_oldstyle_grey",
        )
    ]
    + [
        ("examples/template-zh.pdf", ("李小龙", "xiaolong@li.com.cn", "+1 (234) 567 890")),
    ],
    "rendercv/rendercv": [
        (f"examples/John_Doe_{theme}Theme_CV.pdf", RENDERCV)
        for theme in (
            "Classic",
            "Ember",
            "Engineeringclassic",
            "Engineeringresumes",
            "Harvard",
            "Ink",
            "Moderncv",
            "Opal",
            "Sb2nov",
        )
    ],
    "jankapunkt/latexcv": [
        ("classic/main.pdf", JAN),
        ("infographics/main.pdf", JAN),
        ("modern/main.pdf", JAN),
        ("rows/main.pdf", JAN),
        ("sidebar/main.pdf", JAN),
        ("minimalistic/main.pdf", ("Jan Küster", "info@jankuester.com", "+49 170 123 456 789")),
        ("two_column/main.pdf", ("Jan Küster", "info@jankuester.com", "+49 176 313 877 34")),
        ("sidebarleft/main.pdf", ("Ilya Rumyantsev", "contact@example.com", "+49 178 910 11 12 13")),
        ("infographics2/en/main.pdf", ("Achraf Najmi", "najmi.achraf@gmail.com", "+212 6 22 90 22 21")),
        ("infographics2/fr/main.pdf", ("Achraf Najmi", "najmi.achraf@gmail.com", "+212 6 22 90 22 21")),
    ],
    "leinardi/europecv2013": [
        ("examples/CV-Example-1-en_EN.pdf", ("Betty Smith", "smith@kotmail.com", "+44 2012345679")),
        ("examples/CV-Example-1-en_EN-orig.pdf", ("Betty Smith", "smith@kotmail.com", "+44 2012345679")),
        ("examples/CV-Example-1-it_IT.pdf", ("Anna Paola Conte", "annapaola.conte@example.it", "+39 06123456")),
        ("examples/CV-Example-1-it_IT-orig.pdf", ("Anna Paola Conte", "annapaola.conte@example.it", "+39 06123456")),
    ],
    "DebaPriyoGuha/Europass-CV-2025-Latex-Format": [
        ("preview.pdf", ("Deba Priyo Guha", "debapriyoguha@gmail.com", None)),  # the number is printed masked
    ],
}


# Odoo's own demo CVs (hr_recruitment/static/applicant_cvs): scans with an OCR text layer under them, taken
# from the Odoo installed beside this addon; the truth is what they print (the demo data differs here and there)
ODOO_DEMO_CVS = {
    "Cecile_Donth_CV.pdf": ("Cécile Donth", "c-cile72@msn.example.com", "98765411"),
    "David_Armstrong_CV.pdf": ("David Armstrong", "david.strongarm@gmail.example.com", "33968745"),
    "David_Billy_CV.pdf": ("David Billy", "billy.boy12@gmail.example.com", "9988774455"),
    "Enrique_Jones_CV.pdf": ("Enrique Jones", "enrique.jones152@gmail.example.com", "998655451"),
    "Hubert_Blank_CV.pdf": ("Hubert Blank", "st-hubertus@gmail.example.com", "998655312"),
    "Johan_Duck_CV.pdf": ("Johan Duck", "coincoin@gmail.example.com", "8955545"),
    "John_Bruno_CV.pdf": ("John Bruno", "johnnyboy@gmail.example.com", "9988774455"),
    "Joren_Jacob_CV.pdf": ("Joren Jacob", "joren.jacob@outlook.example.com", "9812393124"),
    "Jose_CV.pdf": ("Jose", "the.jose@gmail.example.com", "999666735"),  # a first name alone, on a banner
    "Kelly_Wallant_CV.pdf": ("Kelly Wallant", "kelly@wallant.example.com", "879895515"),
    "Marie_Justine_CV.pdf": ("Marie Justine", "justinemarie@outlook.example.com", "6633225"),
    "Meldona_Thang_CV.pdf": ("Meldona Thang", "meldona.thang@example.com", "998655451"),
    "Ohen_Rizome_CV.pdf": ("Ohen Rizome", "Oh3n-rizome@example.com", "654687987654"),
    "Sandra_Elvis_CV.pdf": ("Sandra Elvis", "sandra.elvis.the.king25@gmail.example.com", "9988774455"),
    "Shane_Williams_CV.pdf": ("Shane Williams", "the.real.shane@gmail.example.com", "9812398524"),
    "Tina_Augustie_CV.pdf": ("Tina Augustie", "tina.turner@gmail.example.com", "9898745745"),
    "Yin_Lee_CV.pdf": ("Yin Lee", "yin.lee@wechat.example.com", "998655451"),
}


def _odoo_demo_cvs():
    """(path, truth) of Odoo's demo CVs, when Odoo is importable here."""
    try:
        import odoo.addons.hr_recruitment as hr_recruitment
    except ImportError:
        print("Odoo is not importable: its demo CVs are left out", file=sys.stderr)
        return []
    folder = os.path.join(os.path.dirname(hr_recruitment.__file__), "static", "applicant_cvs")
    return [
        (os.path.join(folder, name), truth)
        for name, truth in ODOO_DEMO_CVS.items()
        if os.path.exists(os.path.join(folder, name))
    ]


def _label(target, truth, source):
    name, email, phone = truth
    fields = {"name": name, "email": email}
    if phone:
        fields["phone"] = phone
    return {"file": target, "doc_type": "applicant", "fields": fields, "source": source}


def build(out):
    files = os.path.join(out, "files")
    os.makedirs(files, exist_ok=True)
    labels = []
    with sources.checkouts(SOURCES) as clones:
        for (repo, entries), clone in zip(SOURCES.items(), clones):
            for path, (name, email, phone) in entries:
                source = os.path.join(clone, path)
                if not os.path.exists(source):
                    print(f"skipped (no longer in {repo}): {path}", file=sys.stderr)
                    continue
                target = "files/{}_{}".format(repo.split("/")[0], path.replace("/", "_"))
                shutil.copyfile(source, os.path.join(out, target))
                labels.append(_label(target, (name, email, phone), f"https://github.com/{repo}/blob/HEAD/{path}"))
    for path, truth in _odoo_demo_cvs():
        target = "files/odoo_" + os.path.basename(path)
        shutil.copyfile(path, os.path.join(out, target))
        labels.append(_label(target, truth, "odoo/addons/hr_recruitment/static/applicant_cvs"))
    return sources.write_labels(out, labels)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(build(sys.argv[1]), "CVs written to", sys.argv[1])
