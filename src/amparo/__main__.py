"""``python -m amparo`` runs the CLI."""

from amparo.cli import main

main()
