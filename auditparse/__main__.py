from auditparse.cli import main

main()
