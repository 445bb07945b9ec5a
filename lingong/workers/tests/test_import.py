import pytest
from django.core.management import call_command

from lingong.core.crypto import unseal
from lingong.core.idnumber import check_character
from lingong.workers.models import Worker

pytestmark = pytest.mark.django_db


def test_import_upgrades_legacy_numbers_and_reports_bad_rows(tmp_path, capsys):
    path = tmp_path / "workers.csv"
    path.write_text(
        "name,id_number,phone,trades,station\n"
        "多吉,540102800615131,13900000011,mover|cleaner,gongdelin\n"
        "格桑,110105194912310021,13900000012,mover,market\n"
        "央金,11010519491231002X,13900000013,juggler,market\n",
        encoding="utf-8",
    )
    call_command("import_workers", str(path))
    out, err = capsys.readouterr()
    assert out.strip() == "imported 1, refused 2"
    assert err.splitlines()[0].startswith("line 3: ") and err.splitlines()[1] == "line 4: unknown trade juggler"
    worker = Worker.objects.get()
    upgraded = unseal(worker.id_number_sealed, purpose="id_number")
    assert upgraded == "54010219800615131" + check_character("54010219800615131")
    assert (worker.channel, worker.registered_station.code, worker.trades.count()) == ("import", "gongdelin", 2)
