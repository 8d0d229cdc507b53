"""The gears endpoints (gear_shelf.py holds the state and rules).

`GET /gears` (`filter`, `sort`, paging as every list; `all_versions`, `include_invalid`),
`GET /gears/{id}`, `POST /gears/prepare-add`, `GET /gears/ticket/{id}`, `POST /gears/save`:
the paths and bodies of flywheel-sdk 23's GearsApi (get_all_gears, get_gear, prepare_add_gear,
get_gear_ticket, save_gear).
"""

from __future__ import annotations

from flywheel_standin.listing import list_response
from flywheel_standin.routes import Call, Result, route
from flywheel_standin.store import Store


@route("GET", "/gears")
def all_gears(store: Store, call: Call) -> Result:
    gears = store.gear_shelf.listed(
        all_versions=call.flag("all_versions"), include_invalid=call.flag("include_invalid")
    )
    return 200, list_response(gears, call.query, paginated=call.paginated)


@route("GET", "/gears/{}")
def one_gear(store: Store, call: Call) -> Result:
    return 200, store.gear_shelf.gear(call.params[0])


@route("POST", "/gears/prepare-add")
def prepare_add(store: Store, call: Call) -> Result:
    ticket = store.gear_shelf.prepare_add(
        call.body, store.current_user.id, store.new_id(), store.now()
    )
    return 200, {"ticket": ticket}


@route("GET", "/gears/ticket/{}")
def one_ticket(store: Store, call: Call) -> Result:
    return 200, store.gear_shelf.ticket(call.params[0])


@route("POST", "/gears/save")
def save(store: Store, call: Call) -> Result:
    return 200, store.gear_shelf.save(call.body, store.current_user.id, store.new_id, store.now())
