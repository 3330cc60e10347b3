//! Reads asked together are read with one statement; a failed one leaves each to read alone.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use futures_util::future::join_all;

use super::StoreError;
use super::read_batch::ReadBatch;

/// The keys of each read made, in order.
type Made = Arc<Mutex<Vec<Vec<u32>>>>;

/// A read that finds every even key (as its double) and records what it was asked.
fn even_keys(made: &Made) -> impl FnMut(Vec<u32>) -> std::future::Ready<Found> + Send + 'static {
    let made = made.clone();
    move |keys: Vec<u32>| {
        made.lock().unwrap().push(keys.clone());
        let found = keys.iter().filter(|k| *k % 2 == 0).map(|k| (*k, k * 2));
        std::future::ready(Ok(found.collect()))
    }
}

type Found = Result<HashMap<u32, u32>, StoreError>;

#[tokio::test]
async fn reads_asked_together_are_one_read_and_each_gets_its_own_row() {
    let batch: Arc<ReadBatch<u32, u32>> = Arc::default();
    let made = Made::default();
    let keys = [1, 2, 3, 4, 4, 5, 6];

    let got = join_all(keys.map(|key| batch.get(key, even_keys(&made)))).await;

    let expected = [None, Some(4), None, Some(8), Some(8), None, Some(12)];
    assert_eq!(got, expected.map(Some));
    assert_eq!(*made.lock().unwrap(), [vec![1, 2, 3, 4, 5, 6]]);
}

#[tokio::test]
async fn a_read_asked_after_the_others_were_answered_is_read_again() {
    let batch: Arc<ReadBatch<u32, u32>> = Arc::default();
    let made = Made::default();

    assert_eq!(batch.get(2, even_keys(&made)).await, Some(Some(4)));
    assert_eq!(batch.get(2, even_keys(&made)).await, Some(Some(4)));

    assert_eq!(*made.lock().unwrap(), [vec![2], vec![2]]);
}

#[tokio::test]
async fn when_the_read_fails_each_is_told_to_read_alone() {
    let batch: Arc<ReadBatch<u32, u32>> = Arc::default();
    let failing = |_: Vec<u32>| {
        let gone = StoreError::Unavailable(sqlx::Error::PoolClosed);
        std::future::ready(Err::<HashMap<u32, u32>, _>(gone))
    };

    let got = join_all([1, 2].map(|key| batch.get(key, failing))).await;

    assert_eq!(got, [None, None]);
    let made = Made::default();
    assert_eq!(batch.get(2, even_keys(&made)).await, Some(Some(4)));
}
