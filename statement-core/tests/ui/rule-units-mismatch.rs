use statement_core::{Duration, Instant, Money, Rmb, Statement, Usd};

#[derive(Statement)]
#[statement(rule(ties: total_assets == total_assets_usd + net_loss))]
struct Mixed {
    #[line(label = "Total assets")]
    total_assets: Money<Rmb, Instant>,
    #[line(label = "Total assets (US$)")]
    total_assets_usd: Money<Usd, Instant>,
    #[line(label = "Net loss")]
    net_loss: Money<Rmb, Duration>,
}

fn main() {}
