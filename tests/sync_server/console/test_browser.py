"""The console in a real browser (Debian's Chromium driven by Playwright): an official logs in,
takes a case from received to resolved with a final PDF, and the device that filed it sees the new
status and the document after its next sync. Pages are also checked at a phone's width, with the
keyboard, and for labels on every control; screenshots are saved for people to look at.

Robust under load: every step waits for an element or a URL, never for a fixed time.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync_server.storage.institutions import get_institution
from tests.sync_server.console.cases_support import PDF, file_cases, pulled
from tests.sync_server.console.conftest import PASSWORD, Console
from tests.sync_server.device_client import valid_answers

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is installed by scripts/test.sh"),
]
OFFICE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
UNLABELLED_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                  && !(el.tagName === 'BUTTON' && el.textContent.trim()))
    .map(el => el.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport=OFFICE, locale="es-PE")  # type: ignore[attr-defined]
    context.set_default_timeout(30_000)
    opened = context.new_page()
    yield opened
    context.close()


def shot(page: object, artifacts_dir: Path, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / f"console-{name}.png"), full_page=True)  # type: ignore[attr-defined]


def log_in(page: object, console: Console, login: str) -> None:
    page.goto(f"{console.url}/web/login")  # type: ignore[attr-defined]
    page.get_by_label("Usuario").fill(login)  # type: ignore[attr-defined]
    page.get_by_label("Contraseña").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Ingresar").click()  # type: ignore[attr-defined]


def test_an_official_resolves_a_case_and_the_device_sees_it(
    console: Console, page: object, artifacts_dir: Path, tmp_path: Path
) -> None:
    device = console.device("Mesa de partes 1")
    [case_id] = file_cases(
        device, valid_answers(), files=[(b"%PDF-1.4 copia DNI", "application/pdf", "dni.pdf")]
    )
    document = tmp_path / "resolucion-0012.pdf"
    document.write_bytes(PDF)

    page.goto(f"{console.url}/web/inbox")
    page.wait_for_url("**/web/login**")
    page.get_by_label("Usuario").fill("rosa")
    page.get_by_label("Contraseña").fill("no-es-la-clave")
    page.get_by_role("button", name="Ingresar").click()
    page.get_by_role("alert").filter(has_text="incorrectos").wait_for()
    shot(page, artifacts_dir, "login-error")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url("**/web/inbox")
    page.get_by_role("heading", name="Bandeja de solicitudes").wait_for()
    shot(page, artifacts_dir, "inbox-1366")

    page.get_by_role("link", name=page.locator("a.code").first.inner_text()).click()
    page.wait_for_url(f"**/web/cases/{case_id}")
    page.get_by_role("heading", name="Ruta del trámite").wait_for()
    assert page.get_by_role("link", name="dni.pdf").first.is_visible()
    shot(page, artifacts_dir, "case-received")

    def move(code: str, label: str, message: str = "", file: Path | None = None) -> None:
        page.get_by_label("Nuevo estado").select_option(label=label)
        if message:
            page.get_by_label("Mensaje al solicitante (opcional)").fill(message)
        if file is not None:
            page.get_by_label("Documento final (PDF)").set_input_files(str(file))
        page.get_by_role("button", name="Cambiar estado").click()
        page.locator(f".case-summary .status-{code}").wait_for()  # the new page, not the old notice
        page.get_by_role("status").filter(has_text="El estado se cambió").wait_for()

    move("in_review", "En revisión", "Estamos revisando su pedido.")
    move("approved", "Aprobado")
    move("resolved", "Atendido", "Su constancia está lista.", document)
    assert page.get_by_role("link", name="resolucion-0012.pdf").first.is_visible()
    shot(page, artifacts_dir, "case-resolved")

    statuses = [c for c in pulled(device, "status") if c["submission_id"] == case_id]
    assert [c["status"] for c in statuses] == ["received", "in_review", "approved", "resolved"]
    assert statuses[-1]["note_public"] == "Su constancia está lista."
    [issued] = pulled(device, "document")
    assert issued["name"] == "resolucion-0012.pdf"
    assert device.request("GET", f"/documents/{issued['document_id']}").content == PDF


def test_an_official_extends_a_deadline_and_the_page_shows_it(
    console: Console, page: object, artifacts_dir: Path
) -> None:
    from tests.sync_server.console.test_deadline_extension import ACCESO, acceso_answers, case_of

    device = console.device()
    [case_id] = file_cases(device, acceso_answers(), service_id=ACCESO)
    due = case_of(console, case_id)[0].due_date
    with console.server.db.read() as conn:
        calendar = get_institution(conn, "muni-demo").business_calendar()
    new_due = calendar.add_business_days(due, 5)
    log_in(page, console, "admin")
    page.wait_for_url("**/web/inbox")
    page.goto(f"{console.url}/web/cases/{case_id}")
    page.get_by_role("heading", name="Ampliar plazo").wait_for()
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    page.get_by_label("Nueva fecha de vencimiento").fill(new_due.isoformat())
    page.get_by_label("Motivo (lo recibe el solicitante)").fill("Hay que digitalizar 300 folios del archivo.")
    page.get_by_role("button", name="Ampliar plazo").click()
    page.get_by_role("status").filter(has_text="El plazo se amplió").wait_for()
    assert new_due.strftime("%d/%m/%Y") in page.locator("#deadline-extension").inner_text()
    shot(page, artifacts_dir, "case-extended")
    [*_, status] = [c for c in pulled(device, "status") if c["submission_id"] == case_id]
    assert status["due_date"] == new_due.isoformat()


def test_the_console_on_a_phone_and_with_the_keyboard(
    console: Console, browser: object, artifacts_dir: Path
) -> None:
    device = console.device()
    [case_id] = file_cases(device, valid_answers())
    context = browser.new_context(viewport=PHONE, locale="es-PE", is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        log_in(page, console, "rosa")
        page.wait_for_url("**/web/inbox")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], "the inbox scrolls sideways on a phone"
        shot(page, artifacts_dir, "inbox-phone")
        page.goto(f"{console.url}/web/cases/{case_id}")
        page.get_by_role("heading", name="Atender").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, artifacts_dir, "case-phone")

        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "Saltar al contenido"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
    finally:
        context.close()


def test_every_control_has_a_label(console: Console, page: object, artifacts_dir: Path) -> None:
    device = console.device()
    [case_id] = file_cases(device, valid_answers())
    log_in(page, console, "admin")
    page.wait_for_url("**/web/inbox")
    for path, name in [
        ("/web/inbox", "inbox-admin"),
        (f"/web/cases/{case_id}", None),
        ("/web/dashboard", "dashboard"),
        ("/web/devices", None),
        ("/web/users", None),
        ("/web/account", None),
    ]:
        page.goto(f"{console.url}{path}")
        page.locator("main h1").wait_for()
        assert page.evaluate(UNLABELLED_CONTROLS) == [], path
        if name:
            shot(page, artifacts_dir, name)
    page.goto(f"{console.url}/web/catalog")
    page.get_by_role("row", name="Certificado de constatación").get_by_role("button", name="Editar").click()
    page.get_by_role("heading", name="Preguntas del formulario").wait_for()
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    shot(page, artifacts_dir, "catalog-draft")
    page.get_by_role("link", name="+ Agregar pregunta").last.click()
    page.get_by_label("Nombre interno").fill("edad")
    page.get_by_label("Tipo de dato").select_option("integer")
    page.get_by_label("Pregunta (español)").fill("Edad")
    page.get_by_label("Restricción del valor").fill(". >= 18")
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    shot(page, artifacts_dir, "catalog-field")
    page.get_by_role("button", name="Guardar pregunta").click()
    page.get_by_role("status").filter(has_text="El borrador se guardó").wait_for()
    page.get_by_role("link", name="Vista previa").click()
    page.get_by_label("Edad").fill("12")
    page.get_by_role("button", name="Probar").click()
    page.get_by_role("alert").filter(has_text="problemas en las respuestas").wait_for()
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    shot(page, artifacts_dir, "catalog-preview")
    page.goto(f"{console.url}/web/devices")
    page.get_by_label("Nombre del equipo").fill("Kiosco de la plaza")
    page.get_by_role("button", name="Crear código de registro").click()
    page.locator("#enrollment-code").wait_for()
    shot(page, artifacts_dir, "devices-code")
    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="Devices of Municipalidad de Prueba").wait_for()


def test_chromium_is_the_debian_package() -> None:
    assert shutil.which("chromium") == CHROMIUM or Path(CHROMIUM).exists()
