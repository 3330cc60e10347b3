-- A Mandalart cannot be anonymous (a plan gives its author away): a grid stored as anonymous
-- before templates refused it is kept private, its author's alone, until they share it.
UPDATE answers SET visibility = 'private'
 WHERE visibility = 'anonymous' AND id IN (SELECT answer_id FROM mandalarts);
