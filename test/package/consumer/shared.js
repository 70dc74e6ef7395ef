// The same training run in Node and in the browser: two moons, a small MLP, Adam. Every number in
// it comes from seeds, so the losses must agree to the last bit (the test allows 1e-12).
export function trainMoons(gradlab) {
  const data = gradlab.makeMoons(240, { noise: 0.15, seed: 11 });
  const { train, test } = gradlab.trainTestSplit(data, { testSize: 0.25, seed: 5 });
  const model = new gradlab.MLP([2, 64, 64, 2], { seed: 7 });
  const history = gradlab.fit(model, train, { optimizer: 'adam', lr: 0.01, epochs: 25, batchSize: 32, seed: 3, log: () => {}, now: () => 0 });
  const { accuracy } = gradlab.evaluate(model, test);
  return { losses: history.loss, accuracy };
}
