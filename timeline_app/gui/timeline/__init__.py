"""The timeline widget, its renderer (screen and exports) and the overview strip."""
