from lindung.cli import main

main()
