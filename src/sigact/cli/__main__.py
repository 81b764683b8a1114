from sigact.cli import main

main()
