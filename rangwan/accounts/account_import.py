"""Accounts from a CSV file (`manage.py import_users`): read and check every row first,
then create them all in one transaction, or nothing."""

from __future__ import annotations

import csv
import io
import re
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User
from rangwan.accounts.services import create_account
from rangwan.core.thai import arabic_digits
from rangwan.directory.models import District

# Each column and the header names it may go by (in English or in Thai), compared
# without case, spaces, hyphens or underscores.
COLUMNS = {
    "username": ("username", "ชื่อผู้ใช้"),
    "title": ("title", "คำนำหน้า", "คำนำหน้าชื่อ"),
    "first_name": ("first_name", "firstname", "ชื่อ"),
    "last_name": ("last_name", "lastname", "นามสกุล"),
    "email": ("email", "อีเมล"),
    "role": ("role", "บทบาท"),
    "district": ("district", "อำเภอ"),
    "position": ("position", "ตำแหน่ง"),
    "phone": ("phone", "โทรศัพท์"),
}
REQUIRED = ("username", "first_name", "last_name", "email", "role")
ACCOUNT_TEXT_FIELDS = ("title", "first_name", "last_name", "email", "position", "phone")
# Left and right of every cell: spaces, and the zero-width characters that Thai text
# copied from a web page or a word processor often carries.
INVISIBLE = " \t\u200b\u200c\u200d\ufeff\u00a0"
# No 0/O, 1/l/I: the passwords are read off a sheet of paper and typed.
PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105
PASSWORD_LENGTH = 16  # about 93 bits


def _key(text: str) -> str:
    return re.sub(r"[\s_\-]", "", text.strip(INVISIBLE).casefold())


HEADER_NAMES = {_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


class RoleList:
    """The roles as a file may name them, in the active language (a lazy parameter)."""

    def __str__(self) -> str:
        return ", ".join(f"{role.value} ({role.label})" for role in Role)


@dataclass
class Problem:
    """One thing wrong with the file; `row` as a spreadsheet numbers it (the header is 1)."""

    row: int | None
    error: ValidationError
    column: str | None = None

    def __str__(self) -> str:
        """In the active language (the messages are lazy)."""
        message = " ".join(self.error.messages)
        if self.row is None:
            return message
        if self.column is None:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": message}
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": message,
        }


@dataclass
class AccountRow:
    row: int
    username: str
    role: str = ""
    district: District | None = None
    fields: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """One line for the terminal, in the active language."""
        district = f"  {self.district}" if self.district else ""
        name = f"{self.fields.get('title', '')}{self.fields.get('first_name', '')}"
        name = f"{name} {self.fields.get('last_name', '')}".strip()
        role = Role(self.role).label if self.role else ""
        return f"{self.row:>4}  {self.username}  {role}{district}  {name}  {self.fields['email']}"


@dataclass
class AccountImport:
    """What a file would do: accounts to create, rows naming accounts that exist (left
    as they are), and problems. Nothing may be written while there are problems."""

    to_create: list[AccountRow] = field(default_factory=list)
    existing: list[AccountRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _problem(row, message, column=None, **params) -> Problem:
    return Problem(row=row, error=ValidationError(message, params=params), column=column)


def read_accounts_csv(data: bytes) -> AccountImport:
    """Check a CSV file of accounts without writing anything. UTF-8, with or without the
    byte-order mark that Excel writes; a header row naming the columns."""
    result = AccountImport()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        result.problems.append(
            _problem(
                None,
                gettext_lazy(
                    "Line %(line)s is not UTF-8 text. Save the file as “CSV UTF-8” and try again."
                ),
                line=line,
            )
        )
        return result
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records or not any(cell.strip(INVISIBLE) for cell in records[0]):
        result.problems.append(
            _problem(
                1,
                gettext_lazy("The first row must name the columns, e.g. %(columns)s."),
                columns=", ".join(COLUMNS),
            )
        )
        return result
    header = records[0]
    columns = _read_header(header, result.problems)
    if result.problems:
        return result
    roles = _role_names()
    districts = _district_names()
    taken = {name.casefold() for name in User.objects.values_list("username", flat=True)}
    seen: dict[str, int] = {}
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip(INVISIBLE) for cell in cells):
            continue  # spreadsheets leave empty rows at the end
        if len(cells) > len(header) and any(c.strip(INVISIBLE) for c in cells[len(header) :]):
            result.problems.append(
                _problem(
                    number,
                    gettext_lazy("This row has %(cells)s cells but the header has %(columns)s."),
                    cells=len(cells),
                    columns=len(header),
                )
            )
            continue
        values = {
            column: cells[index].strip(INVISIBLE) if index < len(cells) else ""
            for column, index in columns.items()
        }
        username = values.get("username", "")
        row = AccountRow(row=number, username=username, fields=values)
        if username and username.casefold() in seen:
            result.problems.append(
                _problem(
                    number,
                    gettext_lazy("The user name “%(username)s” is also on row %(other)s."),
                    column=header[columns["username"]],
                    username=username,
                    other=seen[username.casefold()],
                )
            )
            continue
        if username:
            seen[username.casefold()] = number
        if username.casefold() in taken:
            result.existing.append(row)
            continue
        problems = _check_row(row, values, roles, districts, header, columns)
        if problems:
            result.problems += problems
        else:
            result.to_create.append(row)
    return result


def _read_header(header: list[str], problems: list[Problem]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        column = HEADER_NAMES.get(_key(name))
        if column is None:
            problems.append(
                _problem(
                    1,
                    gettext_lazy("Unknown column “%(name)s”. The columns are: %(columns)s."),
                    name=name.strip(INVISIBLE),
                    columns=", ".join(COLUMNS),
                )
            )
        elif column in columns:
            problems.append(
                _problem(1, gettext_lazy("The column “%(name)s” appears twice."), name=column)
            )
        else:
            columns[column] = index
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        problems.append(
            _problem(
                1,
                gettext_lazy("Columns missing: %(columns)s."),
                columns=", ".join(missing),
            )
        )
    return columns


def _role_names() -> dict[str, str]:
    """Every way a role may be written: its code, its Thai and English labels (with and
    without the part in brackets)."""
    names = {}
    for role in Role:
        names[_key(role.value)] = role.value
        for language in ("th", "en"):
            with translation.override(language):
                label = str(role.label)
            names[_key(label)] = role.value
            names[_key(re.sub(r"\(.*?\)", "", label))] = role.value
    return names


def _district_names() -> dict[str, list[District]]:
    """Every way a district may be written: its code (in either digits), its Thai name
    with or without อำเภอ, its English name. Two provinces may share a name."""
    names: dict[str, list[District]] = {}
    for district in District.objects.select_related("province"):
        for name in {district.code, district.name_th, f"อำเภอ{district.name_th}", district.name_en}:
            if name:
                names.setdefault(_key(name), []).append(district)
    return names


def _check_row(row, values, roles, districts, header, columns) -> list[Problem]:
    problems = []
    unchecked = {"password"}

    def column_name(column: str) -> str:
        return header[columns[column]].strip(INVISIBLE)

    for column in REQUIRED:
        if not values.get(column):
            problems.append(
                _problem(row.row, gettext_lazy("This cell is empty."), column=column_name(column))
            )
            unchecked.add(column)
    role_text = values.get("role", "")
    row.role = roles.get(_key(role_text), "") if role_text else ""
    if role_text and not row.role:
        problems.append(
            _problem(
                row.row,
                gettext_lazy("Unknown role “%(role)s”. Write one of: %(roles)s."),
                column=column_name("role"),
                role=role_text,
                roles=RoleList(),
            )
        )
    if not row.role:
        unchecked.add("role")
    district_text = values.get("district", "")
    if district_text:
        found = districts.get(_key(arabic_digits(district_text)), [])
        if len(found) == 1:
            row.district = found[0]
        else:
            message = (
                gettext_lazy("Unknown district “%(district)s”.")
                if not found
                else gettext_lazy(
                    "More than one district is called “%(district)s”: write its code (%(codes)s)."
                )
            )
            problems.append(
                _problem(
                    row.row,
                    message,
                    column=column_name("district"),
                    district=district_text,
                    codes=", ".join(d.code for d in found),
                )
            )
            unchecked.add("district")
    if row.role in Role.district_bound() and "district" not in unchecked and not row.district:
        problems.append(
            _problem(
                row.row,
                gettext_lazy("A %(role)s account needs a district."),
                role=Role(row.role).label,
            )
        )
        unchecked.add("district")
    elif row.role and row.role not in Role.district_bound() and district_text:
        problems.append(
            _problem(
                row.row,
                gettext_lazy("A %(role)s account has no district: leave the cell empty."),
                column=column_name("district"),
                role=Role(row.role).label,
            )
        )
        unchecked.add("district")
    account = User(
        username=row.username,
        role=row.role,
        district=row.district,
        **{column: values.get(column, "") for column in ACCOUNT_TEXT_FIELDS},
    )
    try:
        account.full_clean(
            exclude=sorted(unchecked), validate_constraints="district" not in unchecked
        )
    except ValidationError as error:
        for name, errors in error.error_dict.items():
            column = column_name(name) if name in columns else None
            if name == NON_FIELD_ERRORS or column is None:
                problems += [Problem(row=row.row, error=e) for e in errors]
            else:
                problems += [Problem(row=row.row, error=e, column=column) for e in errors]
    return problems


def new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


@transaction.atomic
def create_accounts(*, rows: list[AccountRow], actor) -> list[tuple[User, str]]:
    """Every account, each with a new random password; one fails, none is created."""
    created = []
    for row in rows:
        password = new_password()
        user = create_account(
            actor=actor,
            username=row.username,
            role=row.role,
            district=row.district,
            password=password,
            **{column: row.fields.get(column, "") for column in ACCOUNT_TEXT_FIELDS},
        )
        created.append((user, password))
    return created
