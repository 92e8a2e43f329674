//! `kith list`: one row per person, filtered and sorted, as an aligned
//! table, tab-separated lines or JSON lines.

use std::process::ExitCode;

use anyhow::Result;
use kith::view::json::PersonJson;
use kith::view::list::{self, Filter, HEADER, Order};

use super::Env;
use crate::cli::{ListArgs, Sort};

pub(crate) fn run(env: &Env, args: &ListArgs) -> Result<ExitCode> {
    let vault = env.open_vault()?;
    let loaded = env.load(&vault)?;
    let filter = Filter {
        overdue: args.overdue,
        due_within: args.due_within,
        tags: args.tag.clone(),
    };
    let order = match args.sort {
        Sort::Due => Order::Due,
        Sort::Name => Order::Name,
        Sort::Last => Order::Last,
    };
    let rows = list::rows(&loaded.people, &vault.config, env.today, &filter, order);
    let mut out = env.output.stdout();
    if args.json {
        for (person, _) in &rows {
            out.json(&PersonJson::new(person, &vault.config, env.today))?;
        }
    } else {
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|(person, status)| list::cells(person, status, env.today))
            .collect();
        if env.output.is_terminal() {
            out.aligned(Some(&HEADER), &cells)?;
        } else {
            out.tab_separated(&cells)?;
        }
    }
    out.flush()?;
    let problems = loaded.all_problems().len();
    if problems > 0 {
        env.output.warn(format_args!(
            "{problems} {} in the notes; `kith check` lists them",
            if problems == 1 { "problem" } else { "problems" }
        ));
    }
    super::leave(loaded);
    Ok(ExitCode::SUCCESS)
}
