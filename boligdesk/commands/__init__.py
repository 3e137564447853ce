"""Command-line subcommands; each module has register(subparsers)."""
