"""``amparo backup`` and ``amparo restore``: the web app's database, encrypted.

The core never imports Django: the commands load the web package by name."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Annotated, Any

import typer

# The name of an environment variable, not a password.
PASSPHRASE_ENV = "AMPARO_BACKUP_PASSPHRASE"  # nosec B105


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)


def _web() -> tuple[Any, Path]:
    """The backup module and the SQLite database of AMPARO_DATA_DIR."""
    try:
        module = importlib.import_module("amparo_web.lib.backup")
        database = importlib.import_module("amparo_web.lib.database")
        datadir = importlib.import_module("amparo_web.lib.datadir")
    except ImportError:
        typer.echo(
            "Error: the web app needs its extra: pip install 'amparo[web]'.", err=True
        )
        raise typer.Exit(1) from None
    db = database.database_settings(
        os.getenv("AMPARO_DATABASE_URL"), datadir.data_dir()
    )
    if "sqlite" not in db["ENGINE"]:
        typer.echo(
            "Error: the database is PostgreSQL: back it up with pg_dump (the wrapped case "
            "keys are in the dump; the master key is not, keep it apart).",
            err=True,
        )
        raise typer.Exit(1)
    return module, Path(db["NAME"])


def _passphrase(confirm: bool) -> str:
    given = os.getenv(PASSPHRASE_ENV)
    if given:
        return given
    value: str = typer.prompt(
        "Backup passphrase", hide_input=True, confirmation_prompt=confirm
    )
    return value


def backup(
    out: Annotated[Path, typer.Argument(help="The backup file to write.")],
) -> None:
    """Write an encrypted, consistent backup of the web app's database (safe while it
    runs). The passphrase comes from AMPARO_BACKUP_PASSPHRASE or a prompt; the master
    key and the key vault are never in a backup: keep amparo.key (or AMPARO_MASTER_KEY)
    and amparo.vault apart."""
    module, database = _web()
    try:
        manifest = module.write_backup(database, out, _passphrase(confirm=True))
    except module.BackupError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"Wrote {out}: {manifest['bytes']:,} bytes of database, sha256 {manifest['sha256'][:16]}…"
    )


def restore(
    backup_file: Annotated[Path, typer.Argument(help="The backup file.")],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace the existing database (stop the app first)."
        ),
    ] = False,
) -> None:
    """Restore a backup into AMPARO_DATA_DIR: checked whole, or nothing is changed. The
    cases read again only with the same master key and key vault (amparo.vault); cases
    deleted since the backup was made are left out, and counted."""
    module, database = _web()
    vault = importlib.import_module("amparo_web.lib.keyvault")
    datadir = importlib.import_module("amparo_web.lib.datadir")
    try:
        manifest = module.restore_backup(
            backup_file,
            database,
            _passphrase(confirm=False),
            replace=force,
            vault=vault.vault_path(datadir.data_dir()),
        )
    except module.BackupError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Restored {database} from the backup of {manifest['created']}.")
    if manifest["shredded"]:
        typer.echo(
            f"Left out {manifest['shredded']} case(s) deleted for good since the backup "
            f"(their keys are destroyed): {', '.join(manifest['shredded_references'])}"
        )
