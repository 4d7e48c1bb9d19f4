export { BinaryReply, sendFile } from '../common/file-reply';
