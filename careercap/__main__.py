from careercap.cli import main

main()
