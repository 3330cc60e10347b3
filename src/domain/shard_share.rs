//! How replicas share Discord's gateway shards: from who holds which shard's lease and which
//! replicas are alive, what one replica takes and gives up, so that every shard gets a holder and
//! no live replica holds two shards more than another.
//!
//! A replica takes free shards (never held, released, or whose holder stopped renewing) up to its
//! share, `ceil(shards / replicas)`; the replica holding the fewest goes first, and after
//! [`GRACE`] anyone under its share may. It gives up shards above its share, and, when no shard is
//! free, one shard when it holds two more than the replica holding the fewest (which then takes
//! it).

use std::collections::HashMap;
use std::time::Duration;

/// How long a free shard waits for the replica holding the fewest before any replica under its
/// share takes it.
pub const GRACE: Duration = Duration::from_secs(4);

/// One shard's lease as the database holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// The shard id.
    pub shard: u32,
    /// Who holds or last held it (`None`: never held, or released).
    pub holder: Option<String>,
    /// Whether the lease runs (its holder renewed it in time).
    pub live: bool,
    /// How long it has been free (zero while it runs).
    pub free_for: Duration,
}

/// What one replica does with the shards this turn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Shards to take, in this order.
    pub take: Vec<u32>,
    /// Shards to give up.
    pub release: Vec<u32>,
}

/// What `me` does among the `replicas` alive, with `count` shards whose leases are `leases`.
pub fn plan(me: &str, count: u32, leases: &[Lease], replicas: &[String]) -> Plan {
    let leases: Vec<&Lease> = leases.iter().filter(|l| l.shard < count).collect();
    let held = held_by(&leases);
    let mut mine: Vec<u32> = held.get(me).cloned().unwrap_or_default();
    mine.sort_unstable();
    let others: Vec<usize> = replicas
        .iter()
        .filter(|r| r.as_str() != me)
        .map(|r| held.get(r.as_str()).map_or(0, Vec::len))
        .collect();
    let alive = others.len() as u32 + 1;
    let share = count.div_ceil(alive) as usize;
    let fewest = others.iter().copied().min();
    let free = leases.iter().any(|l| !l.live);
    let release = surplus(mine.len(), share, if free { None } else { fewest });
    if release > 0 {
        let release = mine.iter().rev().take(release).copied().collect();
        return Plan {
            take: Vec::new(),
            release,
        };
    }
    Plan {
        take: to_take(&leases, mine.len(), share, fewest),
        release: Vec::new(),
    }
}

/// The shards each holder's running leases cover.
fn held_by<'a>(leases: &[&'a Lease]) -> HashMap<&'a str, Vec<u32>> {
    let mut held: HashMap<&str, Vec<u32>> = HashMap::new();
    for lease in leases.iter().filter(|l| l.live) {
        if let Some(holder) = &lease.holder {
            held.entry(holder.as_str()).or_default().push(lease.shard);
        }
    }
    held
}

/// How many shards to give up: those above the share, or one when two above the fewest (`None`
/// while shards are free: the fewest takes those first).
fn surplus(mine: usize, share: usize, fewest: Option<usize>) -> usize {
    if mine > share {
        return mine - share;
    }
    match fewest {
        Some(fewest) if mine >= fewest + 2 => 1,
        _ => 0,
    }
}

/// The free shards to take, up to the share: while holding no more than the fewest, or a shard
/// free for [`GRACE`] already.
fn to_take(leases: &[&Lease], mut mine: usize, share: usize, fewest: Option<usize>) -> Vec<u32> {
    let mut free: Vec<&&Lease> = leases.iter().filter(|l| !l.live).collect();
    free.sort_by_key(|l| l.shard);
    let mut take = Vec::new();
    for lease in free {
        if mine >= share {
            break;
        }
        let first = fewest.is_none_or(|fewest| mine <= fewest);
        if first || lease.free_for >= GRACE {
            take.push(lease.shard);
            mine += 1;
        }
    }
    take
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(shard: u32, holder: &str) -> Lease {
        Lease {
            shard,
            holder: Some(holder.into()),
            live: true,
            free_for: Duration::ZERO,
        }
    }

    fn free(shard: u32, for_secs: u64) -> Lease {
        Lease {
            shard,
            holder: None,
            live: false,
            free_for: Duration::from_secs(for_secs),
        }
    }

    fn expired(shard: u32, holder: &str) -> Lease {
        Lease {
            holder: Some(holder.into()),
            ..free(shard, 0)
        }
    }

    fn alive(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    fn taking(take: &[u32]) -> Plan {
        Plan {
            take: take.to_vec(),
            release: vec![],
        }
    }

    fn releasing(release: &[u32]) -> Plan {
        Plan {
            take: vec![],
            release: release.to_vec(),
        }
    }

    #[test]
    fn a_lone_replica_takes_every_shard() {
        let leases = [free(0, 0), free(1, 0), free(2, 0)];
        assert_eq!(plan("a", 3, &leases, &alive(&["a"])), taking(&[0, 1, 2]));
    }

    #[test]
    fn a_replica_joining_one_that_holds_all_gets_half() {
        let leases = [held(0, "a"), held(1, "a"), held(2, "a"), held(3, "a")];
        let replicas = alive(&["a", "b"]);
        assert_eq!(plan("a", 4, &leases, &replicas), releasing(&[3, 2]));
        assert_eq!(plan("b", 4, &leases, &replicas), Plan::default());
        let given_up = [held(0, "a"), held(1, "a"), free(2, 0), free(3, 0)];
        assert_eq!(plan("b", 4, &given_up, &replicas), taking(&[2, 3]));
        assert_eq!(plan("a", 4, &given_up, &replicas), Plan::default());
    }

    #[test]
    fn a_dead_holders_shard_goes_to_the_replica_holding_the_fewest() {
        let leases = [expired(0, "a"), held(1, "b"), held(2, "b"), held(3, "c")];
        let replicas = alive(&["b", "c"]);
        assert_eq!(plan("c", 4, &leases, &replicas), taking(&[0]));
        assert_eq!(plan("b", 4, &leases, &replicas), Plan::default());
    }

    #[test]
    fn a_free_shard_left_waiting_past_the_grace_goes_to_anyone_under_their_share() {
        let leases = [free(0, 7), held(1, "b"), held(2, "c"), held(3, "c")];
        let replicas = alive(&["b", "c", "d"]);
        assert_eq!(plan("b", 4, &leases, &replicas), taking(&[0]));
        let fresh = [free(0, 1), held(1, "b"), held(2, "c"), held(3, "c")];
        assert_eq!(plan("b", 4, &fresh, &replicas), Plan::default());
    }

    #[test]
    fn replicas_even_out_to_within_one_shard() {
        let leases = [held(0, "a"), held(1, "a"), held(2, "b"), held(3, "b")];
        let replicas = alive(&["a", "b", "c"]);
        assert_eq!(plan("a", 4, &leases, &replicas), releasing(&[1]));
        let even = [held(0, "a"), held(1, "c"), held(2, "b"), held(3, "c")];
        for me in ["a", "b", "c"] {
            assert_eq!(plan(me, 4, &even, &replicas), Plan::default(), "{me}");
        }
    }

    #[test]
    fn more_replicas_than_shards_leave_the_extra_ones_standing_by() {
        let leases = [held(0, "a")];
        let replicas = alive(&["a", "b", "c"]);
        for me in ["a", "b", "c"] {
            assert_eq!(plan(me, 1, &leases, &replicas), Plan::default(), "{me}");
        }
    }

    #[test]
    fn leases_of_shards_beyond_the_count_are_ignored() {
        let leases = [held(0, "a"), free(1, 0), held(5, "b")];
        assert_eq!(plan("b", 2, &leases, &alive(&["a", "b"])), taking(&[1]));
    }
}
