"""The Chengguan gig market and its three gig stations (the seeds' "1+3").

Loaded by data migration stations/0002 and by the browser-test fixture
that restores reference data after a live-server test flushed it. The
Tibetan names follow the glossary (docs/translation.md): བབ་ཚུགས for 驿站,
ལས་ཀ་ཐོར་བུ for 零工; 金珠 is the Chinese transcription of བཅིངས་འགྲོལ
(金珠西路 = བཅིངས་འགྲོལ་ནུབ་ལམ). Migration stations/0004 brings existing rows
to these names (`station_names_load`).
"""

MARKET_WINDOWS = [
    (1, "worker_registration", "求职登记", "ལས་འཚོལ་ཐོ་འགོད།"),
    (2, "employer_registration", "用工登记", "ལས་བདག་ཐོ་འགོད།"),
    (3, "matching", "岗位对接", "ལས་གནས་འཕྲད་སྦྱོར།"),
    (4, "rights", "权益保障咨询", "ཐོབ་ཐང་སྲུང་སྐྱོབ་འདྲི་རྩད།"),
    (5, "policy", "政策咨询", "སྲིད་ཇུས་འདྲི་རྩད།"),
    (6, "training", "技能培训报名", "ལག་རྩལ་སྦྱོང་བརྡར་མིང་འགོད།"),
    (7, "general", "综合服务", "ཞབས་ཞུ་སྤྱི་ཁྱབ།"),
]
STATION_WINDOWS = [MARKET_WINDOWS[0], MARKET_WINDOWS[2], MARKET_WINDOWS[3]]

STATIONS = [
    {
        "code": "market",
        "kind": "market",
        "name_zh": "城关区零工市场",
        "name_bo": "ཁྲིན་ཀོན་ཆུས་ཀྱི་ལས་ཀ་ཐོར་བུའི་ཁྲོམ་ར།",
        "address_zh": "拉萨市城关区夺底路",
        "address_bo": "ལྷ་ས་ཁྲིན་ཀོན་ཆུས་རྡོ་སྡེ་ལམ།",
        "lat": "29.668500",
        "lon": "91.135600",
        "windows": MARKET_WINDOWS,
    },
    {
        "code": "jinzhu-xilu",
        "kind": "station",
        "name_zh": "金珠西路零工驿站",
        "name_bo": "བཅིངས་འགྲོལ་ནུབ་ལམ་ལས་ཀ་ཐོར་བུའི་བབ་ཚུགས།",
        "address_zh": "拉萨市城关区金珠西路街道八一南路",
        "address_bo": "ལྷ་ས་ཁྲིན་ཀོན་ཆུས་བཅིངས་འགྲོལ་ནུབ་ལམ་ཁྲོམ་གཞུང་།",
        "lat": "29.650200",
        "lon": "91.087300",
        "windows": STATION_WINDOWS,
    },
    {
        "code": "gama-gongsang",
        "kind": "station",
        "name_zh": "嘎玛贡桑零工驿站",
        "name_bo": "ཀརྨ་ཀུན་བཟང་ལས་ཀ་ཐོར་བུའི་བབ་ཚུགས།",
        "address_zh": "拉萨市城关区嘎玛贡桑街道",
        "address_bo": "ལྷ་ས་ཁྲིན་ཀོན་ཆུས་ཀརྨ་ཀུན་བཟང་ཁྲོམ་གཞུང་།",
        "lat": "29.644800",
        "lon": "91.151200",
        "windows": STATION_WINDOWS,
    },
    {
        "code": "gongdelin",
        "kind": "station",
        "name_zh": "功德林零工驿站",
        "name_bo": "ཀུན་བདེ་གླིང་ལས་ཀ་ཐོར་བུའི་བབ་ཚུགས།",
        "address_zh": "拉萨市城关区功德林街道",
        "address_bo": "ལྷ་ས་ཁྲིན་ཀོན་ཆུས་ཀུན་བདེ་གླིང་ཁྲོམ་གཞུང་།",
        "lat": "29.651900",
        "lon": "91.114800",
        "windows": STATION_WINDOWS,
    },
]

# The public phone of each station's window, shown at its kiosks when a staff call goes unanswered.
STATION_PHONES = {
    "market": "0891-6338012",
    "jinzhu-xilu": "0891-6338021",
    "gama-gongsang": "0891-6338032",
    "gongdelin": "0891-6338043",
}


def stations_load(*, station_model, window_model) -> None:
    Station, ServiceWindow = station_model, window_model
    for entry in STATIONS:
        data = {k: v for k, v in entry.items() if k != "windows"}
        station, _ = Station.objects.update_or_create(
            code=data.pop("code"), defaults={**data, "hotline": "12333", "opening_hours": "09:00–18:00"}
        )
        for number, service, name_zh, name_bo in entry["windows"]:
            ServiceWindow.objects.update_or_create(
                station=station, number=number, defaults={"service": service, "name_zh": name_zh, "name_bo": name_bo}
            )
    station_phones_load(station_model=Station)


def station_phones_load(*, station_model) -> None:
    """The window phones; a model from before the field (migration 0002) is skipped."""
    if not any(f.name == "phone" for f in station_model._meta.get_fields()):
        return
    for code, phone in STATION_PHONES.items():
        station_model.objects.filter(code=code, phone="").update(phone=phone)


def station_names_load(*, station_model, window_model) -> None:
    """The Tibetan names and addresses of the stations and their windows, as above; nothing else is touched."""
    for entry in STATIONS:
        station_model.objects.filter(code=entry["code"]).update(
            name_bo=entry["name_bo"], address_bo=entry["address_bo"]
        )
        for number, service, _name_zh, name_bo in entry["windows"]:
            window_model.objects.filter(station__code=entry["code"], number=number, service=service).update(
                name_bo=name_bo
            )
