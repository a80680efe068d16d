"""The Actors window: the document's actors, to add, rename, recolour, merge and delete.

Each operation is one command on the session's undo stack, taking effect at once (the
lanes follow); the list follows the document, undo included.  An actor that events
name cannot be deleted, since those events would name an actor the file does not
declare: the window says so and offers the merge instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.editing.actors import events_naming
from timeline_app.core.editing.ids import new_actor_id
from timeline_app.core.model import Actor
from timeline_app.gui.document.actor_commands import (
    AddActorCommand,
    DeleteActorCommand,
    EditActorCommand,
    MergeActorsCommand,
)
from timeline_app.gui.document.session import DocumentSession
from timeline_app.gui.plain_text import one_line

__all__ = ["ActorsDialog"]

ColorPicker = Callable[[QColor, QWidget], QColor]


def _pick_color(initial: QColor, parent: QWidget) -> QColor:
    return QColorDialog.getColor(initial, parent, "Actor Colour")


class ActorsDialog(QDialog):
    """Lists the actors of ``session``'s document and edits them through its stack."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None,
                 pick_color: ColorPicker = _pick_color) -> None:
        super().__init__(parent)
        self.setObjectName("actorsDialog")
        self.setWindowTitle("Actors")
        self.setMinimumSize(460, 420)
        self.session = session
        self.pick_color = pick_color
        self.list = QListWidget()
        self.list.setObjectName("actorList")
        self.name = QLineEdit()
        self.name.setObjectName("actorNameEdit")
        self.name.setPlaceholderText("Name of a new actor, or the new name")
        self.add_button = self._button("addActorButton", "&Add", self.add_actor)
        self.rename_button = self._button("renameActorButton", "&Rename", self.rename_actor)
        self.colour_button = self._button("colourActorButton", "&Colour…", self.recolour_actor)
        self.delete_button = self._button("deleteActorButton", "&Delete", self.delete_actor)
        self.merge_target = QComboBox()
        self.merge_target.setObjectName("mergeTarget")
        self.merge_button = self._button("mergeActorButton", "&Merge Into", self.merge_actor)
        self.message = QLabel()
        self.message.setObjectName("actorMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)

        grid = QGridLayout()
        grid.addWidget(self.name, 0, 0, 1, 2)
        grid.addWidget(self.add_button, 0, 2)
        grid.addWidget(self.rename_button, 0, 3)
        grid.addWidget(QLabel("Selected actor:"), 1, 0)
        grid.addWidget(self.colour_button, 1, 2)
        grid.addWidget(self.delete_button, 1, 3)
        grid.addWidget(self.merge_target, 2, 0, 1, 3)
        grid.addWidget(self.merge_button, 2, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(grid)
        layout.addWidget(self.message)

        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.name.textChanged.connect(lambda _text: self._update_buttons())
        session.documentChanged.connect(lambda _applied: self.refresh())
        session.documentReset.connect(self.refresh)
        self.refresh()

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- state --------------------------------------------------------------------------
    def selected_actor(self) -> Actor | None:
        item = self.list.currentItem()
        return self.session.document.actor(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def select_actor(self, actor_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == actor_id:
                self.list.setCurrentRow(row)
                return

    def refresh(self) -> None:
        """Show the document's actors, keeping the selection where it can."""
        current = self.selected_actor()
        self.list.clear()
        for actor in self.session.document.actors:
            used = len(events_naming(self.session.document.events, actor.id))
            item = QListWidgetItem(f"{one_line(actor.label, 80)}   ({used} "
                                   f"event{'s' if used != 1 else ''})")
            item.setData(Qt.ItemDataRole.UserRole, actor.id)
            if actor.color:
                swatch = QPixmap(14, 14)
                swatch.fill(QColor(actor.color))
                item.setIcon(QIcon(swatch))
            self.list.addItem(item)
        if current is not None:
            self.select_actor(current.id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        actor = self.selected_actor()
        has_name = bool(self.name.text().strip())
        self.add_button.setEnabled(has_name)
        self.rename_button.setEnabled(has_name and actor is not None)
        for button in (self.colour_button, self.delete_button):
            button.setEnabled(actor is not None)
        self.merge_target.clear()
        for other in self.session.document.actors:
            if actor is not None and other.id != actor.id:
                self.merge_target.addItem(one_line(other.label, 80), other.id)
        self.merge_button.setEnabled(actor is not None and self.merge_target.count() > 0)

    def _push(self, command: object) -> None:
        self.message.clear()
        self.session.undo_stack.push(command)  # type: ignore[arg-type]

    # --- operations ---------------------------------------------------------------------
    def add_actor(self) -> None:
        name = self.name.text().strip()
        if not name:
            return
        taken = {a.id for a in self.session.document.actors}
        actor = Actor(new_actor_id(name, taken), name)
        self._push(AddActorCommand(self.session, actor))
        self.name.clear()
        self.select_actor(actor.id)

    def rename_actor(self) -> None:
        actor, name = self.selected_actor(), self.name.text().strip()
        if actor is None or not name or name == actor.name:
            return
        self._push(EditActorCommand(self.session, Actor(actor.id, name, actor.color,
                                                        actor.extra), "Rename Actor"))
        self.name.clear()

    def recolour_actor(self) -> None:
        actor = self.selected_actor()
        if actor is None:
            return
        color = self.pick_color(QColor(actor.color) if actor.color else QColor(), self)
        if not color.isValid():
            return  # cancelled
        value = color.name(QColor.NameFormat.HexRgb)
        if value.lower() != actor.color.lower():
            self._push(EditActorCommand(self.session, Actor(actor.id, actor.name, value,
                                                            actor.extra), "Recolour Actor"))

    def merge_actor(self) -> None:
        gone = self.selected_actor()
        kept = self.session.document.actor(self.merge_target.currentData())
        if gone is None or kept is None:
            return
        self._push(MergeActorsCommand(self.session, gone, kept))
        self.select_actor(kept.id)

    def delete_actor(self) -> None:
        actor = self.selected_actor()
        if actor is None:
            return
        used = len(events_naming(self.session.document.events, actor.id))
        if used:
            self.message.setText(
                f"“{one_line(actor.label, 60)}” cannot be deleted: {used} "
                f"event{'s name' if used != 1 else ' names'} it, and an event must not name "
                "an actor the timeline does not have.  Merge it into another actor "
                "instead, or remove it from those events first.")
            return
        self._push(DeleteActorCommand(self.session, actor))
