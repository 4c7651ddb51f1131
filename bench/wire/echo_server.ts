/**
 * The baseline server of `npm run bench`: bare express that parses a JSON body and echoes it,
 * with the body limit the hub uses. It listens on a free loopback port and prints it.
 */
import express from 'express';

const app = express();
app.use(express.json({ limit: '10mb' }));
app.post('/v1/messages', (req, res) => {
  res.status(201).json(req.body);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(typeof address === 'object' && address !== null ? address.port : 0);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
