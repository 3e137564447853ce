"""Entry script of the frozen app (boligdesk.spec): the same command line as ``boligdesk``."""

from boligdesk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
