from __future__ import annotations

from django.test import Client

from lindung.regions.models import Region
from lindung.regions.selectors import region_search
from lindung.regions.services import regions_load


def test_it_loads_the_whole_tree_idempotently(db: None) -> None:
    first = regions_load()
    assert first.created == 91599
    assert Region.objects.filter(level="province").count() == 38
    assert Region.objects.filter(level="regency").count() == 514
    second = regions_load()
    assert second.created == 0 and second.updated == 0 and second.unchanged == 91599


def test_it_finds_regions_tolerant_of_kab_kabupaten_and_case(regions: None) -> None:
    for query in ("Kab. Kupang", "kabupaten kupang", "KAB KUPANG"):
        found = region_search(query, level="regency")
        assert found and found[0].code == "53.01", query
    assert region_search("kota kupang", level="regency")[0].code == "53.71"
    assert region_search("53.01.05")[0].code == "53.01.05"
    assert region_search("NTT")[0].code == "53"


def test_it_serves_type_ahead_options(regions: None) -> None:
    response = Client().get("/regions/lookup/", {"q": "oenesu"})
    assert response.status_code == 200
    assert 'value="53.01.05.1001"' in response.content.decode()


def test_it_checks_a_nik_over_the_api(db: None) -> None:
    client = Client()
    good = client.get("/api/v1/regions/nik/check", {"nik": "3204114609970004"}).json()
    assert good["valid"] and good["sex"] == "F" and good["birth_date"] == "1997-09-06"
    bad = client.get("/api/v1/regions/nik/check", {"nik": "9904110609970004"}).json()
    assert not bad["valid"] and bad["error_code"] == "province"
