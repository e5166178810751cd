from careercap.shell import main

main()
