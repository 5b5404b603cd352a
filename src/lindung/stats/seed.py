"""The seed document's figures as sourced aggregates, and its inconsistencies, stated.

The seed (``seeds/000_ae536a28216210a3.txt``) is a 2019 briefing from Kupang. Its numbers
(prevented departures, LTSA centres per year, Desmigratif cohorts) are stored as
:class:`~lindung.stats.models.SourcedFigure` rows with the seed's own words: historical
totals, never turned into invented events. Where the seed contradicts itself the figure
carries a ``note``, and :data:`SEED_ISSUES` lists every inconsistency with what the system
does about it. Quotes are the seed's words with runs of white space collapsed to one space.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from lindung.directory.seed import SEED_NAME_TO_REGION, require_regions
from lindung.stats.models import SourcedFigure

__all__ = [
    "DESMIGRATIF_CHART_2017",
    "DESMIGRATIF_CHART_2018",
    "NTT_COHORTS",
    "SEED_FIGURES",
    "SEED_ISSUES",
    "SEED_SOURCE",
    "SeedFigure",
    "SeedIssue",
    "figures_load",
]

SEED_SOURCE = ('Ali Tsabith Kholidi, "Rencana Aksi Nasional Pencegahan dan Penanganan TPPO" '
               "(paparan), Kupang, 15 Oktober 2019")


# --- inconsistencies ----------------------------------------------------------------------


@dataclass(frozen=True)
class SeedIssue:
    """Something in the seed that is wrong, contradictory or ambiguous, and what we do."""

    key: str
    title_id: str
    title_en: str
    seed_says: str  # the seed's exact words (white space collapsed)
    handling_id: str
    handling_en: str


SEED_ISSUES: list[SeedIssue] = [
    SeedIssue(
        "uu-21-2007-misprinted-2017",
        "UU TPPO tertulis tahun 2017",
        "The trafficking law is cited with the year 2017",
        "Undang-Undang Nomor 21 Tahun 2017 tentang tindak Pidana Perdagangan Orang (TPPO)",
        "Undang-undang TPPO adalah UU 21/2007; sistem selalu mengutipnya sebagai UU 21/2007. "
        "Kutipan asli tetap disimpan apa adanya.",
        "The trafficking law is UU 21/2007; the system always cites it as UU 21/2007. The "
        "original wording is kept as quoted.",
    ),
    SeedIssue(
        "ran-29-oddity",
        "Angka '29' di depan Rencana Aksi Nasional",
        "A stray '29' before the national action plan",
        "mengamanatkan pembentukan 29 Rencana Aksi Nasional Pencegahan dan Penanganan TPPO "
        "(RAN PP TPPO)",
        "UU 21/2007 mengamanatkan satu rencana aksi nasional, bukan 29. Angka '29' tidak "
        "dijelaskan di sumber (mungkin sisa nomor halaman atau catatan kaki); sistem tidak "
        "menyimpannya sebagai angka dan memperlakukan RAN PP TPPO sebagai satu rencana.",
        "UU 21/2007 calls for one national action plan, not 29. The seed does not explain the "
        "'29' (possibly a page or footnote number left in the text); the system stores no "
        "figure for it and treats the RAN PP TPPO as one plan.",
    ),
    SeedIssue(
        "embarkasi-misspelt",
        "'EMBAKARSI' salah eja",
        "'EMBAKARSI' is misspelt",
        "21 lokasi EMBAKARSI & DEBARKASI",
        "Ditulis 'embarkasi/debarkasi' di antarmuka; kata asli tersimpan dalam kutipan dan "
        "sumber titik embarkasi.",
        "Shown as 'embarkasi/debarkasi'; the original word stays in the quote and in the "
        "embarkation points' source.",
    ),
    SeedIssue(
        "embarkation-names-ambiguous",
        "Nama titik embarkasi campuran provinsi, kota, dan pelabuhan",
        "Embarkation point names mix provinces, cities and ports",
        "DKI JAKARTA, BANTEN, BANDUNG, SEMARANG, SURAKARTA, JAWA TIMUR, BELAWAN, TG. BALAI, "
        "DUMAI, TG JABUNG TIMUR, BATAM, KEPRI",
        "DKI Jakarta, Banten, Jawa Timur, Kepri = provinsi (Batam tercantum terpisah meski di "
        "Kepri). Bandung, Semarang, Kupang = kota (bukan kabupaten bernama sama). Belawan = "
        "pelabuhan di Kota Medan. TG. BALAI = Kota Tanjungbalai, Sumut (bukan Tanjung Balai "
        "Karimun). Keputusan ini tercatat di sumber tiap titik dan diuji.",
        "DKI Jakarta, Banten, Jawa Timur, Kepri are provinces (Batam is listed separately "
        "although it lies in Kepri). Bandung, Semarang, Kupang are the kota, not the kabupaten "
        "of the same name. Belawan is a port in Kota Medan. TG. BALAI is Kota Tanjungbalai, "
        "North Sumatra (not Tanjung Balai Karimun). Each decision is in the point's source and "
        "tested.",
    ),
    SeedIssue(
        "satgas-nine-members-seven-listed",
        "'9 anggota' satgas, hanya 7 instansi berbeda",
        "'9 members' of the task force, only 7 distinct agencies",
        "9 anggota lintas sektoral DINAS TENAGA KERJA DINAS PERHUBUNGAN KEPOLISIAN IMIGRASI "
        "DINAS KEPENDUDUKAN & CATATAN SIPIL DINAS KESEHATAN DINAS PERHUBUNGAN BNP2TKI IMIGRASI",
        "Dishub dan Imigrasi tercantum dua kali. Sistem memuat 7 instansi anggota yang berbeda, "
        "menyimpan angka '9' sebagai angka bersumber dengan catatan, dan tidak mengarang dua "
        "anggota yang hilang.",
        "Dishub and Imigrasi are listed twice. The system loads the 7 distinct member "
        "agencies, stores the '9' as a sourced figure with a note, and does not invent the two "
        "missing members.",
    ),
    SeedIssue(
        "outdated-agency-names",
        "Nama lembaga sudah berubah",
        "Agency names have changed",
        "BNP2TKI",
        "BNP2TKI menjadi BP2MI (UU 18/2017) lalu KP2MI (kementerian, 2024); 'TKI' kini 'PMI'. "
        "Instansi disimpan dengan nama kini dan riwayatnya; kata 'BNP2TKI' tetap di sumber.",
        "BNP2TKI became BP2MI (UU 18/2017) and then KP2MI (a ministry, 2024); 'TKI' is now "
        "'PMI'. The agency is stored under its current name with its history; the word "
        "'BNP2TKI' stays in its source.",
    ),
    SeedIssue(
        "prevented-2015-2018-vs-2018",
        "7151 (2015-2018) dan 3106 (2018 saja) tanpa rincian tahunan",
        "7,151 (2015-2018) and 3,106 (2018 alone) without a yearly breakdown",
        "3106 PMI NONPROSEDURAL berhasil dicegah pada tahun 2018 ... 7151 PMI NONPROSEDURAL "
        "berhasil dicegah sejak tahun 2015 hingga 2018",
        "Kedua angka disimpan sebagai agregat bersumber. 2018 saja = 43% dari empat tahun; "
        "sisanya (7151 - 3106 = 4045 untuk 2015-2017) tidak dirinci sumber, sehingga tidak "
        "disimpan sebagai angka tahunan dan tidak diubah menjadi kejadian.",
        "Both are stored as sourced aggregates. 2018 alone is 43% of the four years; the rest "
        "(7,151 - 3,106 = 4,045 for 2015-2017) is not broken down by the seed, so it is not "
        "stored per year and never turned into events.",
    ),
    SeedIssue(
        "ltsa-2017-heading-13-lists-14",
        "Judul LTSA 2017 menyebut 13, daftarnya 14",
        "The 2017 LTSA heading says 13, the list has 14",
        "Tahun 2017 (13 LTSA) ... 13. Kab. Cirebon 14. Kota Batam",
        "Ke-14 entri dimuat (termasuk Kota Batam). Angka 2017 disimpan 14 (jumlah daftar) "
        "dengan catatan judul 13. 3 + 6 + 14 + 9 + 10 = 42 = total yang dinyatakan; dengan 13 "
        "totalnya 41.",
        "All 14 entries are loaded (Kota Batam included). The 2017 figure is 14 (the list) "
        "with a note on the heading's 13. 3 + 6 + 14 + 9 + 10 = 42 = the stated total; with "
        "13 it would be 41.",
    ),
    SeedIssue(
        "ltsa-sukabumi-cirebon-repeated",
        "Kab. Sukabumi dan Kab. Cirebon tercantum 2017 dan lagi 2019",
        "Kab. Sukabumi and Kab. Cirebon listed in 2017 and again in 2019",
        "12. Kab. Sukabumi 13. Kab. Cirebon 14. Kota Batam ... 9. Kab. Sukabumi "
        "10. Kab. Cirebon",
        "Satu LTSA per tempat, tahun dibuka = tahun pertama (2017); kedua kemunculan dicatat "
        "di sumber LTSA itu. 42 entri daftar = 40 tempat berbeda.",
        "One LTSA per place, opened year = the first year (2017); both appearances are "
        "recorded in that centre's source. 42 listed entries = 40 distinct places.",
    ),
    SeedIssue(
        "ltsa-2019-in-progress-counted",
        "LTSA 2019 'on Progress' ikut dihitung dalam total 42",
        "2019 LTSA 'on progress' are counted in the total of 42",
        "2019 on Progress ... TOTAL LTSA 2015-2019 sebanyak 42 LTSA",
        "Total 42 disimpan seperti dinyatakan, dengan catatan bahwa 10 entri 2019 belum "
        "beroperasi. LTSA yang hanya muncul di 2019 berstatus 'dalam proses'; yang terdaftar "
        "2015-2018 ada 32.",
        "The total of 42 is stored as stated, with a note that the 10 entries of 2019 were not "
        "yet open. Centres that appear only in 2019 have status 'in progress'; 32 are listed "
        "for 2015-2018.",
    ),
    SeedIssue(
        "ltsa-services-not-listed",
        "Layanan LTSA ditanyakan, tidak dirinci",
        "The LTSA services are asked about, not listed",
        "Layanan apa saja yang ada di LTSA-PPPMI?...",
        "Jawabannya (mungkin gambar) tidak ada di teks. Loket LTSA diambil dari PP 59/2021 "
        "pasal 30-31: delapan loket.",
        "The answer (probably a picture) is missing from the text. The LTSA desks come from "
        "PP 59/2021 art. 30-31: eight desks.",
    ),
    SeedIssue(
        "desmigratif-2017-chart-60-vs-100",
        "Grafik Desmigratif 2017 berjumlah 60, sasaran 100 desa di 50 kab/kota",
        "The 2017 Desmigratif chart sums to 60, the target is 100 villages in 50 regencies",
        "100 Desa Basis TKI di 50 Kab/Kota 20 Desa Basis TKI di 10 Kab/Kota NTT ... ■ Jumlah "
        "1 1 2 1 2 8 14 16 5 10",
        "Nilai grafik dan sasaran disimpan terpisah, tanpa direkonsiliasi. Grafik tidak "
        "menyebut satuannya; NTT = 10 sama dengan '10 Kab/Kota NTT' dan 60 = 50 + 10, jadi "
        "grafik tampaknya menghitung kab/kota, bukan desa. Ini dugaan, dicatat sebagai catatan.",
        "The chart values and the target are stored separately, not reconciled. The chart "
        "gives no unit; NTT = 10 matches '10 Kab/Kota NTT' and 60 = 50 + 10, so it seems to "
        "count regencies, not villages. This is a reading, kept as a note.",
    ),
    SeedIssue(
        "desmigratif-2018-ntb-twice",
        "Grafik Desmigratif 2018 mencantumkan 'Prov NTB' dua kali",
        "The 2018 Desmigratif chart names 'Prov NTB' twice",
        "Prov DIY Yogyakarta Prov NTB Prov NTB ■ JUMLAH 1 1 1 3 10 15 20 1 3 10",
        "Kolom pertama (3) disimpan untuk NTB. Kolom kedua (10) disimpan untuk NTT dengan "
        "catatan: NTT tidak ada di grafik, program khusus NTT mencakup 10 kab/kota, dan grafik "
        "2017 memberi NTT nilai 10.",
        "The first column (3) is stored for NTB. The second (10) is stored for NTT with a "
        "note: NTT is otherwise missing from the chart, the special NTT programme covers 10 "
        "regencies, and the 2017 chart gives NTT 10.",
    ),
    SeedIssue(
        "desmigratif-2018-chart-65-vs-130",
        "Grafik Desmigratif 2018 berjumlah 65, sasaran 130 desa",
        "The 2018 Desmigratif chart sums to 65, the target is 130 villages",
        "130 Desa Basis TKI di 65 Kab/Kota",
        "Jumlah grafik (1+1+1+3+10+15+20+1+3+10 = 65) sama dengan 65 kab/kota, bukan 130 desa. "
        "Keduanya disimpan terpisah; tidak jelas apakah 20 desa NTT termasuk dalam 130.",
        "The chart sums to 1+1+1+3+10+15+20+1+3+10 = 65, the number of regencies, not the 130 "
        "villages. Both are stored separately; whether the 20 NTT villages are part of the 130 "
        "is not stated.",
    ),
    SeedIssue(
        "ntt-programme-kab-includes-kota",
        "Program NTT 2017: '10 Kab.' termasuk Kota Kupang",
        "NTT programme 2017: '10 Kab.' includes Kota Kupang",
        "20 Desa di 10 Kab. di NTT 1. 2 Desa di Kota Kupang",
        "Kota Kupang (53.71) dan Kabupaten Kupang (53.01) disimpan sebagai wilayah berbeda.",
        "Kota Kupang (53.71) and Kabupaten Kupang (53.01) are stored as different regions.",
    ),
    SeedIssue(
        "region-names-abbreviated",
        "Nama wilayah disingkat",
        "Region names are abbreviated",
        "3. Kab. SDB ... 7. Kab. Loteng 8. Kab. Lobar 9. Kab. Lotim",
        "SDB = Sumba Barat Daya (53.18), Loteng = Lombok Tengah (52.02), Lobar = Lombok Barat "
        "(52.01), Lotim = Lombok Timur (52.03); juga Prov. Jatim, NTB, NTT, Kalbar, Kepri, "
        "Sulsel, Kalsel. Semua lewat SEED_NAME_TO_REGION, yang diuji terhadap pohon wilayah.",
        "SDB = Sumba Barat Daya (53.18), Loteng = Lombok Tengah (52.02), Lobar = Lombok Barat "
        "(52.01), Lotim = Lombok Timur (52.03); also Prov. Jatim, NTB, NTT, Kalbar, Kepri, "
        "Sulsel, Kalsel. All go through SEED_NAME_TO_REGION, tested against the region tree.",
    ),
    SeedIssue(
        "region-names-misspelt",
        "Nama wilayah salah eja",
        "Region names are misspelt",
        "6. 2 Desa di Kabupetan Sikka ... 2 Desa di Kabupaten Nagakeo 6. 2 Desa di Kabupetan "
        "Manggarai Timur",
        "Nagakeo = Kabupaten Nagekeo (53.16); 'Kabupetan' = Kabupaten (Sikka 53.07, Manggarai "
        "Timur 53.19). Kata asli tersimpan sebagai label sumber.",
        "Nagakeo = Kabupaten Nagekeo (53.16); 'Kabupetan' = Kabupaten (Sikka 53.07, Manggarai "
        "Timur 53.19). The original words are kept as the source label.",
    ),
]


# --- figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedFigure:
    key: str
    label: str
    value: int
    unit: str
    period_start: date
    period_end: date
    quote: str
    region_code: str = ""
    note: str = ""


def _fig(key: str, label: str, value: int, unit: str, years: tuple[int, int], quote: str,
         region_code: str = "", note: str = "") -> SeedFigure:
    return SeedFigure(key, label, value, unit, date(years[0], 1, 1), date(years[1], 12, 31),
                      quote, region_code, note)


_CHART_2017_QUOTE = ("Sumatera Utara Jambi Lampung Kalimantan Barat Banten Jawa Barat Jawa "
                     "Tengah Jawa Timur NTB NTT ■ Jumlah 1 1 2 1 2 8 14 16 5 10")
_CHART_2018_QUOTE = ("Prov Sumatera Utara Prov Lampung Prov Kalimantan Barat Prov Sulawesi "
                     "Selatan Prov Jawa Barat Prov Jawa Tengah Prov Jawa Timur Prov DIY "
                     "Yogyakarta Prov NTB Prov NTB ■ JUMLAH 1 1 1 3 10 15 20 1 3 10")

#: "PROGRAM DESMIGRATIF TAHUN 2017" chart: (column as written, value). Sums to 60.
DESMIGRATIF_CHART_2017: tuple[tuple[str, int], ...] = (
    ("Sumatera Utara", 1), ("Jambi", 1), ("Lampung", 2), ("Kalimantan Barat", 1),
    ("Banten", 2), ("Jawa Barat", 8), ("Jawa Tengah", 14), ("Jawa Timur", 16), ("NTB", 5),
    ("NTT", 10),
)
#: "Program Desmigratif Tahun 2018" chart. Sums to 65; "Prov NTB" twice, the second is NTT.
DESMIGRATIF_CHART_2018: tuple[tuple[str, int], ...] = (
    ("Prov Sumatera Utara", 1), ("Prov Lampung", 1), ("Prov Kalimantan Barat", 1),
    ("Prov Sulawesi Selatan", 3), ("Prov Jawa Barat", 10), ("Prov Jawa Tengah", 15),
    ("Prov Jawa Timur", 20), ("Prov DIY Yogyakarta", 1), ("Prov NTB", 3), ("Prov NTB", 10),
)
_NTB_TWICE_INDEX = 9  # the second "Prov NTB" of 2018
_NTT = "53"

#: Special NTT programme: the regencies (as written) with 2 villages each, per year.
NTT_COHORTS: dict[int, tuple[str, ...]] = {
    2017: ("Kota Kupang", "Kabupaten Kupang", "Kabupaten Timor Tengah Utara",
           "Kabupaten Timor Tengah Selatan", "Kabupaten Belu", "Kabupetan Sikka",
           "Kabupaten Sumba Barat Daya", "Kabupaten Alor", "Kabupaten Ende",
           "Kabupaten Flores Timur"),
    2018: ("Kabupaten Timor Tengah Utara", "Kabupaten Timor Tengah Selatan", "Kabupaten Sikka",
           "Kabupaten Ngada", "Kabupaten Nagakeo", "Kabupetan Manggarai Timur",
           "Kabupaten Lembata", "Kabupaten Kupang", "Kabupaten Ende", "Kabupaten Belu"),
}
_SPELLING_NOTES = {
    "Kabupetan Sikka": "Sumber menulis 'Kabupetan' (salah eja Kabupaten).",
    "Kabupetan Manggarai Timur": "Sumber menulis 'Kabupetan' (salah eja Kabupaten).",
    "Kabupaten Nagakeo": "Sumber menulis 'Nagakeo'; nama resmi Kabupaten Nagekeo.",
}

_CHART_UNIT_NOTE = ("Satuan grafik tidak disebut; NTT = 10 sama dengan '10 Kab/Kota NTT', "
                    "jadi grafik tampaknya menghitung kab/kota, bukan desa.")


def _chart_figures() -> list[SeedFigure]:
    figures: list[SeedFigure] = []
    for number, (words, value) in enumerate(DESMIGRATIF_CHART_2017):
        code = SEED_NAME_TO_REGION[words]
        figures.append(_fig(
            f"desmigratif-2017-chart-{code}", f"Desmigratif 2017, grafik: {words}", value,
            "jumlah", (2017, 2017), _CHART_2017_QUOTE, code,
            f"Kolom {number + 1} dari 10. Grafik berjumlah 60, sasaran '100 Desa Basis TKI di "
            f"50 Kab/Kota' (+ 20 desa di 10 kab/kota NTT). {_CHART_UNIT_NOTE}"))
    for number, (words, value) in enumerate(DESMIGRATIF_CHART_2018):
        code = SEED_NAME_TO_REGION[words]
        note = (f"Kolom {number + 1} dari 10. Grafik berjumlah 65 = '65 Kab/Kota', sasaran "
                f"'130 Desa'. {_CHART_UNIT_NOTE}")
        label = f"Desmigratif 2018, grafik: {words}"
        if number == _NTB_TWICE_INDEX:
            code = _NTT
            label = f"Desmigratif 2018, grafik: {words} (kedua; dibaca NTT)"
            note = ("Sumber menulis 'Prov NTB' dua kali; kolom kedua (10) disimpan untuk NTT: "
                    "NTT tidak ada di grafik, program khusus NTT = 10 kab/kota, grafik 2017 "
                    "memberi NTT 10. Grafik berjumlah 65, sasaran '130 Desa'.")
        figures.append(_fig(f"desmigratif-2018-chart-{code}", label, value, "jumlah",
                            (2018, 2018), _CHART_2018_QUOTE, code, note))
    return figures


def _ntt_cohort_figures() -> list[SeedFigure]:
    figures: list[SeedFigure] = []
    for year, regencies in NTT_COHORTS.items():
        for words in regencies:
            code = SEED_NAME_TO_REGION[words]
            figures.append(_fig(
                f"desmigratif-{year}-ntt-{code.replace('.', '-')}",
                f"Desmigratif {year}, program khusus NTT: {words}", 2, "desa", (year, year),
                f"2 Desa di {words}", code, _SPELLING_NOTES.get(words, "")))
    return figures


_LTSA_2017_QUOTE = ("Tahun 2017 (13 LTSA) 1. Kab. Cilacap 2. Kab. Brebes 3. Kab. Pati 4. Kab. "
                    "Kendal 5. Kab. Tulungagung 6. Kab. Sambas 7. Kab. Loteng 8. Kab. Lobar "
                    "9. Kab. Lotim 10. Kab. Sumbawa 11. Kab. Karawang 12. Kab. Sukabumi "
                    "13. Kab. Cirebon 14. Kota Batam")

SEED_FIGURES: list[SeedFigure] = [
    # Satgas Pencegahan PMI Non Prosedural
    _fig("satgas-embarkation-points", "Lokasi embarkasi dan debarkasi satgas", 21, "lokasi",
         (2019, 2019), "21 lokasi EMBAKARSI & DEBARKASI",
         note="Sumber menulis 'EMBAKARSI' (salah eja embarkasi)."),
    _fig("satgas-member-agencies", "Anggota lintas sektoral satgas", 9, "instansi",
         (2019, 2019), "9 anggota lintas sektoral",
         note="Daftar di bawahnya hanya memuat 7 instansi berbeda: Dinas Perhubungan dan "
              "Imigrasi tercantum dua kali."),
    _fig("prevented-2018", "PMI non-prosedural berhasil dicegah, 2018", 3106, "orang",
         (2018, 2018), "3106 PMI NONPROSEDURAL berhasil dicegah pada tahun 2018"),
    _fig("prevented-2018-immigration",
         "PMI non-prosedural dicegah di tempat pemeriksaan imigrasi, 2018", 387, "orang",
         (2018, 2018),
         "387 orang diantaranya dicegah di tempat pemeriksaan Imigrasi se'Indonesia",
         note="Bagian dari 3106 pencegahan tahun 2018."),
    _fig("prevented-2015-2018", "PMI non-prosedural berhasil dicegah, 2015-2018", 7151,
         "orang", (2015, 2018),
         "7151 PMI NONPROSEDURAL berhasil dicegah sejak tahun 2015 hingga 2018",
         note="Termasuk 3106 tahun 2018. Sumber tidak merinci 2015-2017 (selisih 4045); "
              "tidak ada angka tahunan yang disimpan untuk tahun-tahun itu."),
    # LTSA-PPPMI
    _fig("ltsa-opened-2015", "LTSA-PPPMI dibentuk, 2015", 3, "LTSA", (2015, 2015),
         "Tahun 2015 (3 LTSA) 1. Kab Gianyar 2. Prov. Jatim 3. Prov. NTB"),
    _fig("ltsa-opened-2016", "LTSA-PPPMI dibentuk, 2016", 6, "LTSA", (2016, 2016),
         "Tahun 2016 (6 LTSA) 1. Prov. Kalbar 2. Kab. Kupang 3. Kab. SDB 4. Prov. NTT "
         "5. Prov. Kepri 6. Kab. Nunukan"),
    _fig("ltsa-opened-2017", "LTSA-PPPMI dibentuk, 2017 (jumlah daftar)", 14, "LTSA",
         (2017, 2017), _LTSA_2017_QUOTE,
         note="Judul menyebut 13 LTSA, daftarnya 14 (dengan Kota Batam); disimpan 14. "
              "Kab. Sukabumi dan Kab. Cirebon muncul lagi di daftar 2019."),
    _fig("ltsa-opened-2018", "LTSA-PPPMI dibentuk, 2018", 9, "LTSA", (2018, 2018),
         "Tahun 2018 (9 LTSA) 1. Kab. Banyumas 2. Kab. Grobogan 3. Kab. Wonosobo 4. Kab. "
         "Ponorogo 5. Kab. Banyuwangi 6. Kab. Bima 7. Kab. Sikka 8. Kab. Indramayu "
         "9. Kab. Subang"),
    _fig("ltsa-in-progress-2019", "LTSA-PPPMI dalam proses, 2019", 10, "LTSA", (2019, 2019),
         "2019 on Progress 1. Prov. Sulsel 2. Prov. Jambi 3. Prov. Kalsel 4. Prov. Bengkulu "
         "5. Kab. Batang 6. Kab. Kebumen 7. Kab. Pamekasan 8. Kab. Malang 9. Kab. Sukabumi "
         "10. Kab. Cirebon",
         note="Belum beroperasi pada Oktober 2019. Kab. Sukabumi dan Kab. Cirebon sudah "
              "tercantum di daftar 2017: hanya 8 tempat baru."),
    _fig("ltsa-total-2015-2019", "Total LTSA-PPPMI 2015-2019", 42, "LTSA", (2015, 2019),
         "TOTAL LTSA 2015-2019 sebanyak 42 LTSA",
         note="42 = 3 + 6 + 14 + 9 + 10 entri daftar, termasuk 10 yang masih 'on Progress' "
              "(2019); 40 tempat berbeda karena Kab. Sukabumi dan Kab. Cirebon tercantum di "
              "2017 dan 2019."),
    # Desmigratif targets
    _fig("desmigratif-target-2017-villages", "Desmigratif 2017: desa", 100, "desa",
         (2017, 2017), "100 Desa Basis TKI di 50 Kab/Kota",
         note="Grafik per provinsi tahun 2017 berjumlah 60."),
    _fig("desmigratif-target-2017-regencies", "Desmigratif 2017: kabupaten/kota", 50,
         "kab/kota", (2017, 2017), "100 Desa Basis TKI di 50 Kab/Kota"),
    _fig("desmigratif-ntt-2017-villages", "Desmigratif 2017, program khusus NTT: desa", 20,
         "desa", (2017, 2017), "20 Desa Basis TKI di 10 Kab/Kota NTT", _NTT),
    _fig("desmigratif-ntt-2017-regencies",
         "Desmigratif 2017, program khusus NTT: kabupaten/kota", 10, "kab/kota", (2017, 2017),
         "20 Desa Basis TKI di 10 Kab/Kota NTT", _NTT,
         note="Daftarnya ditulis '10 Kab. di NTT' tetapi memuat Kota Kupang."),
    _fig("desmigratif-target-2018-villages", "Desmigratif 2018: desa", 130, "desa",
         (2018, 2018), "130 Desa Basis TKI di 65 Kab/Kota",
         note="Grafik per provinsi tahun 2018 berjumlah 65 (= jumlah kab/kota)."),
    _fig("desmigratif-target-2018-regencies", "Desmigratif 2018: kabupaten/kota", 65,
         "kab/kota", (2018, 2018), "130 Desa Basis TKI di 65 Kab/Kota"),
    _fig("desmigratif-ntt-2018-villages", "Desmigratif 2018, program khusus NTT: desa", 20,
         "desa", (2018, 2018), "Program Desmigratif Tahun 2018 20 Desa di 10 Kab. di NTT",
         _NTT, note="Tidak disebut apakah termasuk dalam 130 desa tahun 2018."),
    _fig("desmigratif-ntt-2018-regencies",
         "Desmigratif 2018, program khusus NTT: kabupaten/kota", 10, "kab/kota", (2018, 2018),
         "Program Desmigratif Tahun 2018 20 Desa di 10 Kab. di NTT", _NTT),
    _fig("desmigratif-target-2019-villages", "Desmigratif 2019: desa", 150, "desa",
         (2019, 2019), "Program Desmigratif Tahun 2018 dan Tahun 2019 130 Desa dan 150 Desa"),
    *_chart_figures(),
    *_ntt_cohort_figures(),
]


def figures_load() -> int:
    """Load :data:`SEED_FIGURES` as SourcedFigure rows, update_or_create by key.

    Idempotent. Needs the provinces and NTT regencies of the region tree (raises
    :class:`lindung.directory.seed.RegionsMissingError` otherwise). Returns the number of
    rows created (0 on a second run); ``len(SEED_FIGURES)`` rows exist afterwards.
    """
    require_regions({figure.region_code for figure in SEED_FIGURES if figure.region_code})
    created = 0
    with transaction.atomic():
        for figure in SEED_FIGURES:
            _, was_created = SourcedFigure.objects.update_or_create(
                key=figure.key,
                defaults={
                    "label": figure.label, "value": figure.value, "unit": figure.unit,
                    "period_start": figure.period_start, "period_end": figure.period_end,
                    "region_id": figure.region_code or None, "source": SEED_SOURCE,
                    "quote": figure.quote, "note": figure.note,
                },
            )
            created += was_created
    return created
