"""The main window and what wires it: menus, file dialogs, load progress, the app."""
