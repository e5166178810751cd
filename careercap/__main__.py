from careercap.cli import entry

entry()
