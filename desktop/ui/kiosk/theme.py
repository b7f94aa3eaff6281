"""How the kiosk looks: sizes for touch at kiosk resolutions, large text, high contrast.

Everything is derived from one base text size that follows the screen height (about 18 px at 768
lines, 26 px at 1080), so the same screens work on a 1366x768 all-in-one and a 1920x1080 totem.
Touch targets are at least :data:`MIN_TARGET_PX` high, more at larger sizes. High contrast is white
and yellow on black; states are also shown by a mark ("✓") and a thicker border, never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

#: WCAG 2.5.5 asks 44 px; Material and Apple say 48 / 44. Kiosks are used standing, often by older
#: people: never go below 48.
MIN_TARGET_PX = 48
LARGE_TEXT_FACTOR = 1.3


@dataclass(frozen=True, slots=True)
class Palette:
    background: str
    surface: str
    text: str
    muted: str
    border: str
    accent: str
    accent_text: str
    checked: str
    checked_text: str
    focus: str
    error: str
    note_background: str
    warning_background: str


NORMAL = Palette(
    background="#f4f6f8",
    surface="#ffffff",
    text="#14181c",
    muted="#3d4650",
    border="#5b6670",
    accent="#0b4f9c",
    accent_text="#ffffff",
    checked="#dbe9fb",
    checked_text="#0a2f5c",
    focus="#d35400",
    error="#a30d1b",
    note_background="#e6f0fb",
    warning_background="#fff4cc",
)
HIGH_CONTRAST = Palette(
    background="#000000",
    surface="#000000",
    text="#ffffff",
    muted="#ffffff",
    border="#ffffff",
    accent="#ffff00",
    accent_text="#000000",
    checked="#ffff00",
    checked_text="#000000",
    focus="#00ffff",
    error="#ffb3b3",
    note_background="#000000",
    warning_background="#000000",
)


@dataclass(frozen=True, slots=True)
class Theme:
    """One combination of screen size, text size and contrast; ``stylesheet()`` is the whole look."""

    screen_height: int = 1080
    large_text: bool = False
    high_contrast: bool = False

    @property
    def palette(self) -> Palette:
        return HIGH_CONTRAST if self.high_contrast else NORMAL

    @property
    def base_px(self) -> int:
        base = max(17, round(self.screen_height / 42))
        return round(base * LARGE_TEXT_FACTOR) if self.large_text else base

    @property
    def chrome_px(self) -> int:
        """Text of the top bar and the on-screen keys: they keep their size in large-text mode (their
        width is fixed by the screen, and they are already large), so nothing there gets cut."""
        return max(17, round(self.screen_height / 42))

    def px(self, factor: float) -> int:
        return round(self.base_px * factor)

    @property
    def target_px(self) -> int:
        """Height of buttons, inputs and keys."""
        return max(MIN_TARGET_PX, self.px(2.6))

    @property
    def key_px(self) -> int:
        """Height of the on-screen keyboard's keys (a little smaller: five rows must fit)."""
        return max(MIN_TARGET_PX, round(self.chrome_px * 2.45))

    @property
    def icon_px(self) -> int:
        return self.px(3.4)

    # --- styles of labels built by the shared form renderer (they carry inline styles) -------------
    def label_style(self) -> str:
        return f"font-weight: bold; font-size: {self.px(1.15)}px; color: {self.palette.text};"

    def hint_style(self) -> str:
        return f"color: {self.palette.muted}; font-size: {self.px(0.9)}px;"

    def error_style(self) -> str:
        return f"color: {self.palette.error}; font-weight: bold;"

    def note_style(self) -> str:
        p = self.palette
        return (
            f"padding: 10px; background: {p.note_background}; color: {p.text}; border: 2px solid {p.border};"
        )

    def stylesheet(self) -> str:
        p, t = self.palette, self.target_px
        indicator = self.px(1.5)
        return f"""
QWidget#KioskWindow {{ background: {p.background}; }}
QWidget {{ color: {p.text}; font-size: {self.base_px}px; }}
QStackedWidget, QScrollArea, QScrollArea > QWidget > QWidget {{ background: {p.background}; }}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {self.px(1.7)}px; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {self.px(1.2)}px; font-weight: bold; }}
QLabel[role="big-code"] {{ font-size: {self.px(2.2)}px; font-weight: bold; font-family: monospace; }}
QLabel[role="muted"] {{ color: {p.muted}; font-size: {self.px(0.85)}px; }}
QLabel[role="note"] {{ color: {p.text}; background: {p.note_background}; border: 2px solid {p.border};
    border-radius: 8px; padding: 10px; }}
QLabel[role="warning"] {{ color: {p.text}; background: {p.warning_background}; border: 3px solid {p.border};
    border-radius: 8px; padding: 10px; font-weight: bold; }}
QLabel[role="error"] {{ color: {p.error}; font-weight: bold; }}
QFrame[role="card"] {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 12px; }}
QPushButton, QToolButton {{ min-height: {t - 14}px; min-width: {t - 14}px; padding: 4px 18px;
    border-radius: 10px;
    background: {p.surface}; color: {p.accent if not self.high_contrast else p.text};
    border: 3px solid {p.accent if not self.high_contrast else p.border}; font-weight: bold; }}
QPushButton[primary="true"] {{ background: {p.accent}; color: {p.accent_text}; border-color: {p.accent}; }}
QPushButton:checked, QToolButton:checked {{ background: {p.checked}; color: {p.checked_text};
    border: 5px solid {p.text}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {p.muted}; border-style: dashed; border-color: {p.muted};
    background: {p.background}; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus,
QDateEdit:focus, QRadioButton:focus, QCheckBox:focus, QListWidget:focus {{ border: 5px solid {p.focus}; }}
QPushButton[tile="true"], QToolButton[tile="true"] {{ text-align: left; padding: 12px; }}
QWidget#TopBar QPushButton, QWidget#TopBar QLabel {{ font-size: {self.chrome_px}px; padding: 4px 14px; }}
QWidget#TopBar QLabel {{ font-size: {round(self.chrome_px * 1.2)}px; padding: 0px; font-weight: bold; }}
QPushButton[key="true"] {{ min-height: {self.key_px - 4}px; min-width: {self.key_px - 4}px; padding: 0px 4px;
    border-width: 2px; border-radius: 8px; font-size: {round(self.chrome_px * 1.15)}px; color: {p.text};
    border-color: {p.border}; }}
QPushButton[key="true"]:checked {{ background: {p.checked}; color: {p.checked_text};
    border: 4px solid {p.text}; }}
QLineEdit, QPlainTextEdit, QDateEdit, QComboBox, QSpinBox {{ min-height: {t - 10}px; padding: 2px 10px;
    background: {p.surface}; color: {p.text}; border: 3px solid {p.border}; border-radius: 8px;
    selection-background-color: {p.accent}; selection-color: {p.accent_text}; }}
QPlainTextEdit {{ padding: 6px; }}
QComboBox QAbstractItemView {{ background: {p.surface}; color: {p.text}; border: 3px solid {p.border};
    selection-background-color: {p.checked}; selection-color: {p.checked_text}; }}
QComboBox QAbstractItemView::item {{ min-height: {t}px; }}
QComboBox::drop-down {{ width: {t}px; }}
QDateEdit::drop-down {{ width: {t}px; }}
QRadioButton, QCheckBox {{ min-height: {t - 14}px; padding: 4px 14px; spacing: 14px; background: {p.surface};
    border: 3px solid {p.border}; border-radius: 10px; }}
QRadioButton:checked, QCheckBox:checked {{ background: {p.checked}; color: {p.checked_text};
    border: 5px solid {p.text}; font-weight: bold; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: {indicator}px; height: {indicator}px; }}
QGroupBox {{ font-weight: bold; border: 2px solid {p.border}; border-radius: 10px;
    margin-top: {self.px(1.4)}px; padding-top: 8px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; }}
QListWidget {{ background: {p.surface}; color: {p.text}; border: 3px solid {p.border}; }}
QListWidget::item {{ min-height: {t}px; }}
QProgressBar {{ min-height: {self.px(1.3)}px; border: 2px solid {p.border}; border-radius: 6px;
    background: {p.surface}; color: {p.text}; text-align: center; font-weight: bold; }}
QProgressBar::chunk {{ background: {p.accent}; }}
QScrollBar:vertical {{ width: {t}px; background: {p.background}; }}
QScrollBar::handle:vertical {{ min-height: {t}px; background: {p.border}; border-radius: 6px; }}
QCalendarWidget QAbstractItemView {{ font-size: {self.px(1.1)}px; selection-background-color: {p.accent};
    selection-color: {p.accent_text}; }}
QCalendarWidget QToolButton {{ min-height: {t}px; }}
"""
