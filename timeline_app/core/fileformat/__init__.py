"""The timeline file format: its rules, reading, checking, writing and saving files."""
